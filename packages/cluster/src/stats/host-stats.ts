import type { RuntimeStatistics } from '@axon/core';

/** Counters of one worker host's cluster work. */
export interface WorkerCounters {
  /** Jobs this host started (re-runs of stalled jobs included). */
  jobsStarted: number;
  /** Outcomes this host committed (first for their task). */
  committed: number;
  /** Outcomes refused because the task was already committed (a duplicate run finished second). */
  commitsRefused: number;
  /** Jobs started from a checkpoint another run wrote. */
  resumedFromCheckpoint: number;
  /** Checkpoints written to Redis. */
  checkpointsWritten: number;
  /** Checkpoints not written (larger than the bound, not JSON, or Redis unreachable). */
  checkpointsDropped: number;
  /** Cancel requests that reached a job running here. */
  cancelsApplied: number;
  /** Tasks this host failed with `AGENT_CRASHED` because they stalled more than `maxStalledCount` times. */
  abandoned: number;
}

/** What a worker host reports to Redis every `statsInterval`. */
export interface HostReport {
  /** The host's id. */
  hostId: string;
  /** Machine name. */
  hostname: string;
  /** Process id of the worker. */
  pid: number;
  /** When the report was written, epoch ms. */
  at: number;
  /** Queues the host consumes. */
  queues: string[];
  /** The host runtime's top-level statistics (layer details left out). */
  runtime: Omit<RuntimeStatistics, 'process' | 'executor' | 'mcp'>;
  /** The host's cluster counters. */
  counters: WorkerCounters;
}

/** The statistics of a whole cluster: every live host, summed. */
export interface ClusterStatistics {
  /** Hosts that reported within `staleAfter`. */
  hosts: HostReport[];
  /** Sums over the live hosts (`successRate` recomputed from the sums; `uptimeMs` the longest). */
  totals: Omit<RuntimeStatistics, 'process' | 'executor' | 'mcp' | 'breakers'> & WorkerCounters;
  /** Job counts per queue (waiting, active, delayed, prioritized, completed, failed). */
  queues: Record<string, Record<string, number>>;
}

/** A zeroed {@link WorkerCounters}. */
export function newCounters(): WorkerCounters {
  return {
    jobsStarted: 0,
    committed: 0,
    commitsRefused: 0,
    resumedFromCheckpoint: 0,
    checkpointsWritten: 0,
    checkpointsDropped: 0,
    cancelsApplied: 0,
    abandoned: 0,
  };
}

/** The report of a host from its runtime statistics. */
export function hostReport(
  base: Pick<HostReport, 'hostId' | 'hostname' | 'pid' | 'queues' | 'counters'>,
  stats: RuntimeStatistics,
): HostReport {
  const { process: _p, executor: _e, mcp: _m, ...runtime } = stats;
  return { ...base, at: Date.now(), runtime };
}

/** Sums host reports into cluster totals. */
export function sumReports(hosts: readonly HostReport[]): ClusterStatistics['totals'] {
  const t: ClusterStatistics['totals'] = {
    totalAgentsSpawned: 0,
    activeAgents: 0,
    totalTasksExecuted: 0,
    totalTasksFailed: 0,
    successRate: 1,
    uptimeMs: 0,
    queuedTasks: 0,
    runningTasks: 0,
    totalRestarts: 0,
    ...newCounters(),
  };
  for (const h of hosts) {
    const r = h.runtime;
    t.totalAgentsSpawned += r.totalAgentsSpawned;
    t.activeAgents += r.activeAgents;
    t.totalTasksExecuted += r.totalTasksExecuted;
    t.totalTasksFailed += r.totalTasksFailed;
    t.queuedTasks += r.queuedTasks;
    t.runningTasks += r.runningTasks;
    t.totalRestarts += r.totalRestarts;
    t.uptimeMs = Math.max(t.uptimeMs, r.uptimeMs);
    for (const k of Object.keys(h.counters) as (keyof WorkerCounters)[]) t[k] += h.counters[k] ?? 0;
  }
  t.successRate = t.totalTasksExecuted === 0 ? 1 : (t.totalTasksExecuted - t.totalTasksFailed) / t.totalTasksExecuted;
  return t;
}
