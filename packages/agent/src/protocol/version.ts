/**
 * The version of the Axon Agent Protocol this package speaks, sent in `initialize` by the runtime and echoed by
 * the agent. A date string: a new date is a new, possibly incompatible, revision of the protocol.
 */
export const AAP_PROTOCOL_VERSION = '2026-11-01';
