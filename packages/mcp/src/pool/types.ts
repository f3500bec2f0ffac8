import type { McpError, McpErrorCode } from '../errors/mcp-error.js';
import type { McpToolInfo } from '../server/tool-catalog.js';

/** A tool call: the tool's name (`server__tool` for an extra server) and its arguments. */
export interface McpToolCall {
  /** Tool name. */
  name: string;
  /** Arguments, checked against the tool's input schema before they are sent. Default `{}`. */
  arguments?: Record<string, unknown>;
}

/** Options of one call. */
export interface McpCallOptions {
  /** ms before the call fails with `MCP_TIMEOUT` (waiting for a start or a free slot included). Default: `requestTimeout`. */
  timeout?: number;
  /** Aborting it fails the call with `MCP_CANCELLED` and tells the server (`notifications/cancelled`). */
  signal?: AbortSignal;
  /** Throw `MCP_TOOL_ERROR` instead of returning a result with `isError: true`. Default `false`. */
  throwOnToolError?: boolean;
}

/** Options of `McpServerPool.listTools`. */
export interface McpListOptions extends Omit<McpCallOptions, 'throwOnToolError'> {
  /** List only these servers (by name, `"cortex"` for Cortex). Default: every server. */
  servers?: readonly string[];
}

/** What a tool answered. */
export interface McpToolResult {
  /** Content blocks (text, image, resource, …) as the server sent them. */
  content: unknown[];
  /** Structured result, when the tool declares an output schema. */
  structuredContent?: Record<string, unknown>;
  /** Whether the tool reported an error. */
  isError: boolean;
}

/** What `McpServerPool.getOrCreate` returns: the agent's Cortex connection. */
export interface McpSessionInfo {
  /** Agent id, or `"shared"` in shared mode. */
  key: string;
  /** Cortex process id (and process group id). */
  pid: number | undefined;
  /** Protocol version agreed with Cortex. */
  protocolVersion: string | undefined;
}

/** A server whose tools could not be listed, and why. */
export interface McpServerFailure {
  /** The server's name (`"cortex"` for Cortex). */
  server: string;
  /** What went wrong, e.g. `MCP_START_FAILED`, `MCP_UNAVAILABLE` (breaker open), `MCP_TIMEOUT`. */
  code: McpErrorCode;
  /** The error's message; it names the server. */
  message: string;
  /** The error itself (its `data` has the command, exit code, stderr tail, …). */
  error: McpError;
}

/** What `McpServerPool.listTools` returns: the healthy servers' tools and one entry per failed server. */
export interface McpToolList {
  /** Tools of every server that answered, as `server__tool` for extra servers. */
  tools: McpToolInfo[];
  /** Servers that could not be listed; empty when all answered. */
  errors: McpServerFailure[];
}
