import type { ExecutorMcpPool, ToolInfoLike, ToolResultLike } from '@axon/executor';
import type { McpServerPool } from '@axon/mcp';
import { RuntimeError } from '../errors/runtime-error.js';

/** Options of a {@link DegradingMcpPool}. */
export interface DegradingPoolOptions {
  /** Degrade (true) or fail tasks (false) when Cortex cannot be reached. */
  enabled: boolean;
  /** After a failed start, calls fail fast for this long before trying again, ms. */
  retryAfter: number;
  /** Told once per outage (and again after recovery). */
  onDegraded: (reason: string) => void;
  /** Told when Cortex answers again after an outage. */
  onRestored: () => void;
}

/**
 * The MCP pool as the executor sees it, with graceful degradation: when Cortex is missing or dead, a task
 * still starts (no MCP server is required to run it) and its tool calls fail with `MCP_UNAVAILABLE`, which the
 * agent receives as a tool error (-32012). Without degradation it is the plain pool.
 */
export class DegradingMcpPool implements ExecutorMcpPool {
  private downUntil = 0;
  private degraded = false;

  constructor(
    private readonly pool: McpServerPool,
    private readonly options: DegradingPoolOptions,
  ) {}

  /** Whether Cortex is currently considered unavailable. */
  get isDegraded(): boolean {
    return this.degraded;
  }

  async getOrCreate(agentId: string): Promise<unknown> {
    if (!this.options.enabled) return this.pool.getOrCreate(agentId);
    if (Date.now() < this.downUntil) return undefined;
    try {
      const session = await this.pool.getOrCreate(agentId);
      this.up();
      return session;
    } catch (e) {
      this.down(e);
      return undefined;
    }
  }

  async listTools(agentId: string): Promise<ToolInfoLike[]> {
    this.failFast();
    return this.guard(() => this.pool.listTools(agentId));
  }

  async callTool(
    agentId: string,
    call: { name: string; arguments?: Record<string, unknown> },
    opts?: { timeout?: number; signal?: AbortSignal },
  ): Promise<ToolResultLike> {
    this.failFast();
    return this.guard(() => this.pool.callTool(agentId, call, opts));
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      const v = await fn();
      this.up();
      return v;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (this.options.enabled && (code === 'MCP_START_FAILED' || code === 'MCP_UNAVAILABLE')) {
        this.down(e);
        throw new RuntimeError('MCP_UNAVAILABLE', `Cortex is unavailable (degraded mode): ${(e as Error).message}`, {
          cause: e,
          layer: 'mcp',
        });
      }
      throw e;
    }
  }

  private failFast(): void {
    if (this.options.enabled && Date.now() < this.downUntil) {
      throw new RuntimeError(
        'MCP_UNAVAILABLE',
        `Cortex is unavailable (degraded mode); retrying in ${this.downUntil - Date.now()} ms`,
        { layer: 'mcp' },
      );
    }
  }

  private down(e: unknown): void {
    const code = (e as { code?: unknown }).code;
    if (code === 'MCP_START_FAILED') this.downUntil = Date.now() + this.options.retryAfter;
    if (!this.degraded) {
      this.degraded = true;
      this.options.onDegraded((e as Error).message ?? String(e));
    }
  }

  private up(): void {
    this.downUntil = 0;
    if (this.degraded) {
      this.degraded = false;
      this.options.onRestored();
    }
  }
}
