import type { AgentExecutor } from '@axon/executor';
import type { McpServerPool } from '@axon/mcp';
import type { ProcessManager } from '@axon/process';
import type { MessageBus } from '../bus/message-bus.js';
import type { WorkerPool } from '../pool/worker-pool.js';

/** Options of `AgentRuntime.shutdown`. */
export interface ShutdownOptions {
  /** How long running tasks may take to finish before they are cancelled, ms. Default `process.shutdownGracePeriod` × 3. */
  timeout?: number;
}

/** What a shutdown did. */
export interface ShutdownReport {
  /** Running tasks that finished before the deadline. */
  drained: number;
  /** Running tasks cancelled at the deadline. */
  cancelled: number;
  /** Queued tasks failed with `SHUTTING_DOWN`. */
  rejectedQueued: number;
  /** Total time, ms. */
  durationMs: number;
}

/** The parts of the runtime a shutdown touches. */
export interface ShutdownContext {
  bus: MessageBus;
  pool: WorkerPool;
  direct: Set<{ controller: AbortController; done: Promise<unknown> }>;
  processManager: ProcessManager;
  mcpPool: McpServerPool;
  executor: AgentExecutor;
  stopLoops(): void;
}

/**
 * The shutdown sequence: stop accepting, fail the queue, drain running tasks until the deadline, cancel the
 * rest, stop the loops, terminate every agent in parallel, close MCP servers and the executor.
 */
export async function shutdownRuntime(ctx: ShutdownContext, timeout: number): Promise<ShutdownReport> {
  const started = Date.now();
  const queued = ctx.pool.queued;
  const running = ctx.pool.stop();
  const direct = [...ctx.direct];
  const inFlight = running.length + direct.length;
  ctx.bus.publish({ type: 'runtime.shutting-down', timeoutMs: timeout, inFlight, queued });
  let finished = 0;
  const all = [...running, ...direct.map((d) => d.done)].map((p) => p.then(() => void finished++));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((r) => (timer = setTimeout(() => r('deadline'), Math.max(0, timeout))));
  const outcome = await Promise.race([Promise.all(all).then(() => 'drained' as const), deadline]);
  clearTimeout(timer);
  const drained = finished;
  if (outcome === 'deadline') {
    ctx.pool.cancelRunning('the runtime shut down before the task finished');
    for (const d of direct) d.controller.abort(new Error('the runtime shut down before the task finished'));
    await Promise.all(all);
  }
  ctx.stopLoops();
  await ctx.processManager.close();
  await ctx.mcpPool.shutdownAll();
  await ctx.executor.close();
  const report = { drained, cancelled: inFlight - drained, rejectedQueued: queued, durationMs: Date.now() - started };
  ctx.bus.publish({ type: 'runtime.stopped', durationMs: report.durationMs, drained, cancelled: report.cancelled });
  return report;
}
