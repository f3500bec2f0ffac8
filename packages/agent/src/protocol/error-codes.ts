/**
 * Numeric JSON-RPC `error.code` values used on the AAP wire. The standard JSON-RPC 2.0 codes come first, then the
 * AAP application codes. Error responses for AAP codes carry `error.data.code`, the string name (e.g. `'TASK_FAILED'`).
 */
export const AapErrorCode = {
  /** The line is not valid JSON (or not valid UTF-8, or longer than the maximum line length). */
  PARSE_ERROR: -32700,
  /** The JSON is not a valid JSON-RPC 2.0 request (wrong `jsonrpc`, bad `id`, missing `method`, a batch). */
  INVALID_REQUEST: -32600,
  /** No handler for this method. */
  METHOD_NOT_FOUND: -32601,
  /** The params do not match the method's schema; the message names the field. */
  INVALID_PARAMS: -32602,
  /** The handler failed unexpectedly. */
  INTERNAL_ERROR: -32603,
  /** The task's `execute` threw; `data` is `{ code: 'TASK_FAILED', name, message, errorCode?, stack? }`. */
  TASK_FAILED: -32001,
  /** The task was cancelled (`task/cancel` or shutdown) before it finished. */
  CANCELLED: -32002,
  /** The agent is already running a task. */
  AGENT_BUSY: -32003,
  /**
   * The request was refused because the sender has too many requests in flight, too many subscriptions, or does not
   * read its answers (backpressure); `data` is `{ code: 'OVERLOADED', limit, max }`. Retry later, after reading.
   */
  OVERLOADED: -32004,
  /** The tool is not on the task's allowlist. */
  TOOL_NOT_ALLOWED: -32010,
  /** The task used up its tool-call budget. */
  TOOL_BUDGET_EXCEEDED: -32011,
  /** The MCP server behind the tools is unavailable. */
  MCP_UNAVAILABLE: -32012,
  /** The tool call failed. */
  TOOL_FAILED: -32013,
  /** A deadline passed (tool call or task). */
  TIMEOUT: -32014,
  /**
   * The runtime refused the request for what it reaches: another tenant's Cortex workspace, a bus topic the
   * agent's type is not granted. `data.field` names the part at fault.
   */
  ACCESS_DENIED: -32015,
} as const;

/** The string name of an AAP error code, e.g. `'TASK_FAILED'`. */
export type AapErrorCodeName = keyof typeof AapErrorCode;

/** A numeric AAP error code, e.g. `-32001`. */
export type AapErrorCodeValue = (typeof AapErrorCode)[AapErrorCodeName];

const namesByValue = new Map<number, AapErrorCodeName>(
  (Object.entries(AapErrorCode) as Array<[AapErrorCodeName, number]>).map(([name, value]) => [value, name]),
);

/** The string name of a numeric AAP/JSON-RPC error code, or `undefined` when the code is not one of ours. */
export function aapErrorName(code: number): AapErrorCodeName | undefined {
  return namesByValue.get(code);
}
