import { AapErrorCode } from '@axon/agent';

/** AAP JSON-RPC error codes the executor answers or reads: the protocol's own table. */
export const RPC = AapErrorCode;
