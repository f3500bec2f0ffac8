import type { Agent } from './agent.js';
import type { ProcessStatistics } from './types.js';

/** Running counters; totals over live agents are computed at snapshot time. */
export class StatisticsCounter {
  private totalSpawned = 0;
  private totalReady = 0;
  private readySumMs = 0;
  private failed = 0;
  private terminated = 0;
  private heartbeatTimeouts = 0;
  private finishedCpuMs = 0;
  private finishedBadFrames = 0;
  private readonly limits = { memory: 0, cpu: 0, output: 0 };

  spawned(): void {
    this.totalSpawned++;
  }

  ready(ms: number): void {
    this.totalReady++;
    this.readySumMs += ms;
  }

  heartbeatTimeout(): void {
    this.heartbeatTimeouts++;
  }

  finished(a: Agent): void {
    if (a.machine.state === 'terminated') this.terminated++;
    else this.failed++;
    const limit =
      a.failure?.code === 'RESOURCE_LIMIT_EXCEEDED'
        ? (a.failure.data?.limit as keyof typeof this.limits | undefined)
        : undefined;
    if (limit) this.limits[limit]++;
    this.finishedCpuMs += a.resources.cpuTimeMs;
    this.finishedBadFrames += a.badFrames;
  }

  snapshot(agents: Agent[]): ProcessStatistics {
    const live = agents.filter((a) => !a.exit);
    return {
      activeProcesses: live.length,
      totalSpawned: this.totalSpawned,
      totalReady: this.totalReady,
      failed: this.failed,
      terminated: this.terminated,
      totalMemoryBytes: live.reduce((n, a) => n + a.resources.memoryBytes, 0),
      totalCpuTimeMs: this.finishedCpuMs + live.reduce((n, a) => n + a.resources.cpuTimeMs, 0),
      limitExceeded: { ...this.limits },
      heartbeatTimeouts: this.heartbeatTimeouts,
      badFrames: this.finishedBadFrames + live.reduce((n, a) => n + a.badFrames, 0),
      averageSpawnToReadyMs: this.totalReady === 0 ? 0 : this.readySumMs / this.totalReady,
    };
  }
}
