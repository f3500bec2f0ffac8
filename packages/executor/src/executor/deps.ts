/**
 * The parts of `@axon/process` and `@axon/mcp` the executor uses, as structural types: a `ProcessManager`
 * and a `McpServerPool` fit them, and so does anything else with the same methods.
 */

/** How an agent process ended. */
export interface ExitInfoLike {
  exitCode: number | null;
  signal: string | null;
  reason?: string;
}

/** The JSON-RPC peer of an agent (`JsonRpcPeer` from @axon/agent). */
export interface AgentPeerLike {
  request<R = unknown>(method: string, params?: unknown, opts?: { timeout?: number; signal?: AbortSignal }): Promise<R>;
  notify(method: string, params?: unknown): void;
  // `any` params: each method's handler declares its own params type (the peer validated them before the call).
  /* eslint-disable @typescript-eslint/no-explicit-any */
  onRequest(method: string, handler: (params: any, ctx: { signal: AbortSignal; id: string | number }) => unknown): () => void;
  onNotification(method: string, handler: (params: any) => void): () => void;
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

/** A live agent process (`AgentHandle` from @axon/process). */
export interface AgentHandleLike {
  readonly id: string;
  readonly peer: AgentPeerLike;
  readonly exited: Promise<ExitInfoLike>;
}

/** A process event, as far as the executor reads it. */
export interface ProcessEventLike {
  type: string;
  id: string;
  line?: string;
}

/** The ProcessManager methods the executor calls. */
export interface ExecutorProcessManager {
  get(id: string): { state: string } | undefined;
  getHandle(id: string): AgentHandleLike | undefined;
  isAlive(id: string): boolean;
  markBusy(id: string): void;
  markIdle(id: string): void;
  terminate(id: string, opts?: { gracePeriod?: number }): Promise<unknown>;
  subscribe(listener: (e: ProcessEventLike) => void): () => void;
}

/** An MCP tool result (`CallToolResult`). */
export interface ToolResultLike {
  content: unknown[];
  structuredContent?: unknown;
  isError?: boolean;
}

/** One listed MCP tool. */
export interface ToolInfoLike {
  name: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
}

/** The McpServerPool methods the executor calls. */
export interface ExecutorMcpPool {
  getOrCreate(agentId: string): Promise<unknown>;
  listTools(agentId: string): Promise<ToolInfoLike[]>;
  callTool(
    agentId: string,
    call: { name: string; arguments?: Record<string, unknown> },
    opts?: { timeout?: number; signal?: AbortSignal },
  ): Promise<ToolResultLike>;
}
