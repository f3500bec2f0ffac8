import type { ExecutorStatistics } from '@axon/executor';
import type { McpPoolStatistics } from '@axon/mcp';
import type { ProcessStatistics } from '@axon/process';
import type { BreakerState } from '@axon/mcp';

/** What `AgentRuntime.getStatistics()` returns. */
export interface RuntimeStatistics {
  /** Agent processes the runtime started (restarts included). */
  totalAgentsSpawned: number;
  /** Agents alive now (starting to busy). */
  activeAgents: number;
  /** Tasks that reached a final outcome (after retries), successful or not. */
  totalTasksExecuted: number;
  /** Of those, tasks that failed. */
  totalTasksFailed: number;
  /** (executed − failed) / executed, 0–1; 1 before the first task. */
  successRate: number;
  /** Time since `start()`, ms (0 before). */
  uptimeMs: number;
  /** Tasks waiting in the pool's queue. */
  queuedTasks: number;
  /** Tasks running now. */
  runningTasks: number;
  /** Agent restarts performed. */
  totalRestarts: number;
  /** Breaker state per agent type. */
  breakers: Record<string, BreakerState>;
  /** Statistics of the ProcessManager. */
  process: ProcessStatistics;
  /** Statistics of the AgentExecutor (every attempt). */
  executor: ExecutorStatistics;
  /** Statistics of the McpServerPool. */
  mcp: McpPoolStatistics;
}

/** The runtime's own counters (internal). */
export class RuntimeCounters {
  spawned = 0;
  executed = 0;
  failed = 0;
  restarts = 0;
  startedAt = 0;

  /** Counts one task's final outcome. */
  taskFinished(success: boolean): void {
    this.executed++;
    if (!success) this.failed++;
  }

  /** `(executed − failed) / executed`, 1 with no tasks yet. */
  get successRate(): number {
    return this.executed === 0 ? 1 : (this.executed - this.failed) / this.executed;
  }

  /** ms since start, 0 before. */
  get uptimeMs(): number {
    return this.startedAt === 0 ? 0 : Date.now() - this.startedAt;
  }
}

/** The parts {@link collectRuntimeStatistics} reads. */
export interface StatisticsSources {
  counters: RuntimeCounters;
  activeAgents: number;
  queuedTasks: number;
  runningTasks: number;
  breakers: Record<string, BreakerState>;
  process: ProcessStatistics;
  executor: ExecutorStatistics;
  mcp: McpPoolStatistics;
}

/** Assembles `AgentRuntime.getStatistics()` from the runtime's counters and its layers' statistics. */
export function collectRuntimeStatistics(s: StatisticsSources): RuntimeStatistics {
  return {
    totalAgentsSpawned: s.counters.spawned,
    activeAgents: s.activeAgents,
    totalTasksExecuted: s.counters.executed,
    totalTasksFailed: s.counters.failed,
    successRate: s.counters.successRate,
    uptimeMs: s.counters.uptimeMs,
    queuedTasks: s.queuedTasks,
    runningTasks: s.runningTasks,
    totalRestarts: s.counters.restarts,
    breakers: s.breakers,
    process: s.process,
    executor: s.executor,
    mcp: s.mcp,
  };
}
