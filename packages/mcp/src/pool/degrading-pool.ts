import { McpError, isMcpError } from '../errors/mcp-error.js';
import { Breaker } from '../server/breaker.js';
import type { McpServerPool } from './pool.js';
import { CORTEX, routeTool, serverNames } from './route.js';
import type { McpCallOptions, McpSessionInfo, McpToolCall, McpToolList, McpToolResult } from './types.js';

/** Options of a {@link DegradingMcpPool}. */
export interface DegradingPoolOptions {
  /** Degrade (true) or pass every failure through as the plain pool does (false). Default `true`. */
  enabled?: boolean;
  /** ms a server that failed to start is skipped (calls fail fast) before it is tried again. Default `10000`. */
  retryAfter?: number;
  /** Told once per outage of a server (and again after it recovered and failed anew). */
  onDegraded?: (server: string, reason: string) => void;
  /** Told when a degraded server answers again. */
  onRestored?: (server: string) => void;
}

/**
 * A degraded server. Its breaker opens on a failed start (calls fail fast for `retryAfter`, then are tried again);
 * a server that died stays closed (calls go through: the pool restarts it under its own breaker) but is reported.
 */
interface Outage {
  breaker: Breaker;
}

/**
 * An {@link McpServerPool} with graceful degradation per server: when a server is missing or dead, a task still
 * starts and only the calls routed to that server fail, with `MCP_UNAVAILABLE` naming it; Cortex and the other
 * servers keep serving. `listTools` returns the healthy servers' tools and lists the degraded ones in `errors`.
 */
export class DegradingMcpPool {
  private readonly outages = new Map<string, Outage>();
  private readonly enabled: boolean;
  private readonly retryAfter: number;

  constructor(
    /** The pool behind it. */
    readonly pool: McpServerPool,
    private readonly options: DegradingPoolOptions = {},
  ) {
    this.enabled = options.enabled ?? true;
    this.retryAfter = options.retryAfter ?? 10_000;
  }

  /** Whether any server is currently considered unavailable. */
  get isDegraded(): boolean {
    return this.outages.size > 0;
  }

  /** The servers currently considered unavailable. */
  degradedServers(): string[] {
    return [...this.outages.keys()];
  }

  /** Starts the agent's Cortex; when degrading, a failure is recorded and `undefined` returned instead of thrown. */
  async getOrCreate(agentId: string): Promise<McpSessionInfo | undefined> {
    if (!this.enabled) return this.pool.getOrCreate(agentId);
    if (this.skipped(CORTEX)) return undefined;
    try {
      const session = await this.pool.getOrCreate(agentId);
      this.up(CORTEX);
      return session;
    } catch (e) {
      if (!this.degrades(e)) throw e;
      this.down(CORTEX, e);
      return undefined;
    }
  }

  /** The pool's `listTools`, skipping servers in their retry window (reported in `errors`). */
  async listTools(agentId: string, options: McpCallOptions = {}): Promise<McpToolList> {
    const all = serverNames(this.pool.config);
    const skipped = this.enabled ? all.filter((s) => this.skipped(s)) : [];
    const list = await this.pool.listTools(agentId, {
      ...options,
      servers: all.filter((s) => !skipped.includes(s)),
    });
    for (const server of all) {
      const failure = list.errors.find((f) => f.server === server);
      if (failure && this.enabled && this.degrades(failure.error)) this.down(server, failure.error);
      else if (!failure && !skipped.includes(server)) this.up(server);
    }
    for (const server of skipped) {
      const error = this.failFastError(server);
      list.errors.push({ server, code: error.code, message: error.message, error });
    }
    return list;
  }

  /** The pool's `callTool`; a call to a degraded server fails fast with `MCP_UNAVAILABLE` naming it. */
  async callTool(agentId: string, call: McpToolCall, options?: McpCallOptions): Promise<McpToolResult> {
    const { server } = routeTool(this.pool.config, call?.name ?? '');
    if (this.enabled && this.skipped(server)) throw this.failFastError(server);
    try {
      const result = await this.pool.callTool(agentId, call, options);
      this.up(server);
      return result;
    } catch (e) {
      if (!this.enabled || !this.degrades(e)) throw e;
      this.down(server, e);
      const err = e as McpError;
      throw new McpError('MCP_UNAVAILABLE', `server "${server}" is unavailable (degraded mode): ${err.message}`, {
        cause: e,
        data: { ...err.data, server, degraded: true },
      });
    }
  }

  // A failed start or a dead/broken server degrades; a full pool (capacity) or a bad call does not.
  private degrades(e: unknown): boolean {
    if (!isMcpError(e)) return false;
    if (e.code === 'MCP_START_FAILED') return true;
    return e.code === 'MCP_UNAVAILABLE' && e.data?.['reason'] !== 'capacity';
  }

  private skipped(server: string): boolean {
    return this.outages.get(server)?.breaker.state === 'open';
  }

  private failFastError(server: string): McpError {
    const left = Math.ceil(this.outages.get(server)?.breaker.retryInMs ?? 0);
    return new McpError(
      'MCP_UNAVAILABLE',
      `server "${server}" is unavailable (degraded mode); it is tried again in ${left} ms`,
      { data: { server, degraded: true, retryInMs: left } },
    );
  }

  private down(server: string, e: unknown): void {
    const startFailed = isMcpError(e) && e.code === 'MCP_START_FAILED';
    const known = this.outages.get(server);
    const outage = known ?? {
      breaker: new Breaker({ failureThreshold: 1, cooldown: this.retryAfter, now: () => performance.now() }),
    };
    if (startFailed) outage.breaker.open();
    if (known) return;
    this.outages.set(server, outage);
    this.options.onDegraded?.(server, (e as Error)?.message ?? String(e));
  }

  private up(server: string): void {
    if (this.outages.delete(server)) this.options.onRestored?.(server);
  }
}
