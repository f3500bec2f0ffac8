/**
 * The parts of `@axon/process` and `@axon/mcp` the executor uses, as structural types: a `ProcessManager`
 * and a `McpServerPool` fit them, and so does anything else with the same methods.
 */

/** How an agent process ended. */
export interface ExitInfoLike {
  /** Exit code, or `null` when a signal ended it. */
  exitCode: number | null;
  /** The signal that ended it, e.g. `SIGKILL`, or `null`. */
  signal: string | null;
  /** Why it ended, as the manager saw it (e.g. `limit exceeded`). */
  reason?: string;
}

/** The JSON-RPC peer of an agent (`JsonRpcPeer` from @axon/agent). */
export interface AgentPeerLike {
  /** Sends a request and waits for its answer. */
  request<R = unknown>(method: string, params?: unknown, opts?: { timeout?: number; signal?: AbortSignal }): Promise<R>;
  /** Sends a notification. */
  notify(method: string, params?: unknown): void;
  /** Sends an error answer with id `null` (refuses a notification). */
  sendError(code: number, message: string, data?: unknown): void;
  // `any` params: each method's handler declares its own params type (the peer validated them before the call).
  /* eslint-disable @typescript-eslint/no-explicit-any */
  /** Handles requests for `method`; returns an unregister function. */
  onRequest(
    method: string,
    handler: (params: any, ctx: { signal: AbortSignal; id: string | number }) => unknown,
  ): () => void;
  /** Listens to notifications for `method`; returns an unsubscribe function. */
  onNotification(method: string, handler: (params: any) => void): () => void;
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

/** A live agent process (`AgentHandle` from @axon/process). */
export interface AgentHandleLike {
  /** The agent id. */
  readonly id: string;
  /** The JSON-RPC peer on the agent's stdio. */
  readonly peer: AgentPeerLike;
  /** Resolves when the process has exited. */
  readonly exited: Promise<ExitInfoLike>;
  /** Tasks the agent runs at once, as it announced in `initialize`. Default `1`. */
  readonly concurrency?: number;
}

/** A process event, as far as the executor reads it. */
export interface ProcessEventLike {
  /** Event type; the executor reads `log`. */
  type: string;
  /** The agent id. */
  id: string;
  /** A stderr line, for `log` events. */
  line?: string;
  /** What was wrong, for `bad-frame` events. */
  message?: string;
}

/** Why the manager failed an agent (`AgentInfo.failure`, a `ProcessError`), as far as the executor reads it. */
export interface AgentFailureLike {
  /** The error code, e.g. `RESOURCE_LIMIT_EXCEEDED`. */
  code: string;
  /** What happened. */
  message?: string;
  /** Details; for `RESOURCE_LIMIT_EXCEEDED`: `{ limit: 'memory' | 'cpu' | 'output' | 'stdin', value, max }`. */
  data?: Record<string, unknown>;
}

/** The ProcessManager methods the executor calls. */
export interface ExecutorProcessManager {
  /**
   * A snapshot of the agent (its `state`, its working directory `cwd`, and after a failure or exit `failure` and
   * `exit` are read), or `undefined`.
   */
  get(id: string): { state: string; failure?: AgentFailureLike; exit?: ExitInfoLike; cwd?: string } | undefined;
  /** The live handle of the agent, or `undefined`. */
  getHandle(id: string): AgentHandleLike | undefined;
  /** Whether the agent's process is alive. */
  isAlive(id: string): boolean;
  /** Ready|Idle → Busy. */
  markBusy(id: string): void;
  /** Busy → Idle. */
  markIdle(id: string): void;
  /** Stops the agent and its process tree; `gracePeriod` in ms. */
  terminate(id: string, opts?: { gracePeriod?: number }): Promise<unknown>;
  /** Subscribes to process events; returns the unsubscribe function. */
  subscribe(listener: (e: ProcessEventLike) => void): () => void;
}

/** An MCP tool result (`CallToolResult`). */
export interface ToolResultLike {
  /** MCP content blocks. */
  content: unknown[];
  /** Structured result, when the tool gives one. */
  structuredContent?: unknown;
  /** True when the tool reported an error. */
  isError?: boolean;
}

/** One listed MCP tool. */
export interface ToolInfoLike {
  /** Tool name. */
  name: string;
  /** What it does. */
  description?: string;
  /** JSON Schema of its arguments. */
  inputSchema?: Record<string, unknown>;
}

/** A server whose tools could not be listed (`McpServerFailure` from @axon/mcp). */
export interface ToolServerFailureLike {
  /** The server's name. */
  server: string;
  /** Error code, e.g. `MCP_START_FAILED`. */
  code: string;
  /** What went wrong; names the server. */
  message: string;
}

/** What `listTools` answers (`McpToolList` from @axon/mcp). */
export interface ToolListLike {
  /** Tools of the servers that answered. */
  tools: ToolInfoLike[];
  /** Servers that could not be listed. */
  errors: ToolServerFailureLike[];
}

/** The McpServerPool methods the executor calls. */
export interface ExecutorMcpPool {
  /** Ensures the agent's MCP servers run. */
  getOrCreate(agentId: string): Promise<unknown>;
  /** The tools the agent's healthy servers offer, and the servers that could not be listed. */
  listTools(agentId: string): Promise<ToolListLike>;
  /** Calls a tool; `timeout` in ms. */
  callTool(
    agentId: string,
    call: { name: string; arguments?: Record<string, unknown> },
    opts?: { timeout?: number; signal?: AbortSignal },
  ): Promise<ToolResultLike>;
}
