import { AapErrorCode } from '@axon/agent';

/** AAP JSON-RPC error codes the executor answers or reads: the protocol's own table. */
export const RPC = AapErrorCode;

/** True when `e` carries a numeric JSON-RPC `code`, i.e. the agent answered an error. */
export function isWireError(e: unknown): e is Error & { code: number; data?: unknown } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'number';
}
