/**
 * The version of the Axon Agent Protocol this package speaks, sent in `initialize` by the runtime and echoed by
 * the agent. A date string: a new date is a new, possibly incompatible, revision of the protocol.
 */
export const AAP_PROTOCOL_VERSION = '2026-11-01';

/** Every AAP version this package can talk to; an agent answering another one is refused at spawn. */
export const AAP_SUPPORTED_VERSIONS: readonly string[] = [AAP_PROTOCOL_VERSION];

/** Whether an agent answering `version` in `initialize` can be driven by this runtime. */
export function isSupportedAapVersion(version: string): boolean {
  return AAP_SUPPORTED_VERSIONS.includes(version);
}
