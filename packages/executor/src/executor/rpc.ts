/** AAP JSON-RPC error codes the executor answers or reads (mirrors `AapErrorCode` of @axon/agent). */
export const RPC = {
  INVALID_PARAMS: -32602,
  TASK_FAILED: -32001,
  CANCELLED: -32002,
  AGENT_BUSY: -32003,
  TOOL_NOT_ALLOWED: -32010,
  TOOL_BUDGET_EXCEEDED: -32011,
  MCP_UNAVAILABLE: -32012,
  TOOL_FAILED: -32013,
  TIMEOUT: -32014,
} as const;

/** True when `e` carries a numeric JSON-RPC `code`, i.e. the agent answered an error. */
export function isWireError(e: unknown): e is Error & { code: number; data?: unknown } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'number';
}
