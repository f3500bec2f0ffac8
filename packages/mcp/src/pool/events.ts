/** What the pool reports to `subscribe` listeners. `key` is the agent id (or `"shared"`), `server` the server name (`"cortex"` for Cortex). */
export type McpPoolEvent =
  | { type: 'started'; key: string; server: string; pid: number; protocolVersion: string | undefined; restart: boolean }
  | {
      type: 'exited';
      key: string;
      server: string;
      pid: number;
      exitCode: number | null;
      signal: string | null;
      expected: boolean;
    }
  | { type: 'restarting'; key: string; server: string; attempt: number; delayMs: number }
  | { type: 'circuit-open'; key: string; server: string; failures: number; reason: string }
  | { type: 'tools-changed'; key: string; server: string }
  | { type: 'stopped'; key: string; server: string }
  | { type: 'log'; key: string; server: string; source: 'stderr' | 'mcp'; line: string };

/** A listener of {@link McpPoolEvent}s. */
export type McpPoolListener = (event: McpPoolEvent) => void;
