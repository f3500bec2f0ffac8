import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { McpServerPool } from '@axon/mcp';
import { ProcessManager, type ProcessManagerConfigInput, type ResourceLimits } from '@axon/process';
import { AgentExecutor } from '../../src/executor/agent-executor.js';
import type { ExecutorConfigInput } from '../../src/executor/config.js';
import type { ExecutorEvent } from '../../src/executor/events.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/agent.mjs', import.meta.url));
const SLOW_SERVER = fileURLToPath(new URL('../fixtures/slow-mcp-server.mjs', import.meta.url));

/** Fixture behaviours of test/fixtures/agent.mjs. */
export type AgentMode =
  | 'noop'
  | 'echo'
  | 'sleep'
  | 'cortex'
  | 'greedy'
  | 'stuck'
  | 'cooperative'
  | 'crash'
  | 'crash-in-tool'
  | 'resume'
  | 'fail'
  | 'crash-in-slow-tool'
  | 'slow-tool'
  | 'hog'
  | 'flood'
  | 'raw'
  | 'script'
  | 'big'
  | 'bad-checkpoints'
  | 'hold';

/** A real ProcessManager, a real McpServerPool on a scratch Cortex database, and an executor over both. */
export interface Harness {
  dir: string;
  pm: ProcessManager;
  pool: McpServerPool;
  executor: AgentExecutor;
  events: ExecutorEvent[];
  /** Spawns a fixture agent until Ready, with optional limits over the manager's; returns its id. */
  agent(mode: AgentMode, id?: string, limits?: Partial<ResourceLimits>): Promise<string>;
  /** Spawns a fixture agent that announces `concurrency` in `initialize`; returns its id. */
  concurrentAgent(mode: AgentMode, concurrency: number): Promise<string>;
  /** Stops every agent and server and removes the scratch folder. */
  close(): Promise<void>;
}

/**
 * Harness options: `auditFile: true` puts the audit file at `<dir>/audit.jsonl`; `slowServer` adds the `slow` MCP
 * server; `processManager` configures the ProcessManager.
 */
export type HarnessOptions = Omit<ExecutorConfigInput, 'auditFile'> & {
  auditFile?: boolean;
  slowServer?: boolean;
  processManager?: ProcessManagerConfigInput;
};

/** Builds a harness over real processes. */
export async function createHarness(config: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'axon-executor-test-'));
  const { auditFile, slowServer, processManager, ...rest } = config;
  const pm = new ProcessManager(processManager ?? {});
  const pool = new McpServerPool({
    cortexArgs: ['mcp', 'stdio', '--db', join(dir, 'cortex.db')],
    ...(slowServer && { servers: { slow: { command: process.execPath, args: [SLOW_SERVER] } } }),
  });
  const executor = new AgentExecutor(pm, pool, { ...rest, ...(auditFile && { auditFile: join(dir, 'audit.jsonl') }) });
  const events: ExecutorEvent[] = [];
  executor.subscribe((e) => events.push(e));
  return {
    dir,
    pm,
    pool,
    executor,
    events,
    async agent(mode, id, limits) {
      const h = await pm.spawn({
        ...(id && { id }),
        name: `fixture-${mode}`,
        type: mode,
        command: process.execPath,
        args: [FIXTURE, mode],
        ...(limits && { limits }),
      });
      return h.id;
    },
    async concurrentAgent(mode, concurrency) {
      const h = await pm.spawn({
        name: `fixture-${mode}`,
        type: mode,
        command: process.execPath,
        args: [FIXTURE, mode, String(concurrency)],
      });
      return h.id;
    },
    async close() {
      await executor.close();
      await pm.terminateAll();
      await pool.shutdownAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether a pid is alive. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The rejection of `p`, or a failure when it resolves. */
export async function rejectionOf(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; data?: Record<string, unknown>; cause?: unknown }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; data?: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}
