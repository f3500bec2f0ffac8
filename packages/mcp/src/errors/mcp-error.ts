const brand = Symbol.for('axon.error');

/**
 * What went wrong with an MCP server or call:
 * - `MCP_START_FAILED`: the server could not be spawned, or did not complete the initialize handshake.
 * - `MCP_TIMEOUT`: the call's `timeout` passed before the server answered.
 * - `MCP_CANCELLED`: the caller's `signal` aborted the call.
 * - `MCP_UNAVAILABLE`: the connection was lost (the server died), the circuit breaker is open, or the pool is at `maxServers`.
 * - `MCP_UNKNOWN_TOOL`: no server serves a tool of that name.
 * - `MCP_TOOL_ERROR`: the tool answered `isError: true` (only thrown with `throwOnToolError`).
 * - `MCP_INVALID_ARGUMENTS`: the arguments do not match the tool's input schema, or the config is invalid.
 * - `MCP_SHUT_DOWN`: the server or pool was shut down while the call was pending, or is shut down.
 */
export type McpErrorCode =
  | 'MCP_START_FAILED'
  | 'MCP_TIMEOUT'
  | 'MCP_CANCELLED'
  | 'MCP_UNAVAILABLE'
  | 'MCP_UNKNOWN_TOOL'
  | 'MCP_TOOL_ERROR'
  | 'MCP_INVALID_ARGUMENTS'
  | 'MCP_SHUT_DOWN';

/** Options of {@link McpError}. */
export interface McpErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown;
  /** Structured details: the server, tool, field, stderr tail, … */
  data?: Record<string, unknown>;
}

/** The one error class of @axon/mcp: a string `code`, optional `data` and an ES2022 `cause`. */
export class McpError extends Error {
  /** What went wrong; see {@link McpErrorCode}. */
  readonly code: McpErrorCode;
  /** Structured details (server, tool, field, stderrTail, …). */
  readonly data: Record<string, unknown> | undefined;
  readonly [brand] = true;

  constructor(code: McpErrorCode, message: string, options: McpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'McpError';
    this.code = code;
    this.data = options.data;
  }
}

/** Whether `e` is an {@link McpError}, also across bundles (checks the `axon.error` brand and the name). */
export function isMcpError(e: unknown): e is McpError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as Record<symbol, unknown>)[brand] === true &&
    (e as Error).name === 'McpError'
  );
}
