import type { ProcessManager } from '@axon/process';
import type { MessageBus } from '../bus/message-bus.js';
import type { RuntimeConfig } from '../config/schema.js';
import type { RuntimeErrorCode } from '../errors/codes.js';
import type { AgentRecord } from '../runtime/agent-record.js';

/** What the health monitor needs from the runtime. */
export interface HealthHost {
  readonly bus: MessageBus;
  readonly config: RuntimeConfig;
  readonly processManager: ProcessManager;
  records(): Iterable<AgentRecord>;
  /** Called for an agent found unhealthy; the runtime stops it and recovery takes over. */
  unhealthy(record: AgentRecord, code: RuntimeErrorCode, reason: string): void;
}

const LIVE = new Set(['ready', 'idle', 'busy']);

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Every `healthCheckInterval`: finds agents whose process is gone without an exit being noticed, agents silent
 * past `heartbeatTimeout`, and agents over their memory limit, and hands them to the runtime (which fails them
 * with an event saying why). The process layer enforces the same limits continuously; this is the safety net.
 */
export class HealthMonitor {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly host: HealthHost) {}

  /** Starts the periodic check (idempotent). */
  start(): void {
    if (this.timer || this.host.config.monitoring.healthCheckInterval <= 0) return;
    this.timer = setInterval(() => this.check(), this.host.config.monitoring.healthCheckInterval);
    this.timer.unref();
  }

  /** Stops it (idempotent). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass over every agent; returns how many were unhealthy. */
  check(): number {
    const now = Date.now();
    const { heartbeatTimeout } = this.host.config.monitoring;
    const maxMemory = this.host.config.resources.maxMemoryBytes;
    let checked = 0;
    let unhealthy = 0;
    for (const rec of this.host.records()) {
      if (!rec.handle || rec.restarting || rec.stopping || !LIVE.has(rec.state)) continue;
      checked++;
      const info = this.host.processManager.get(rec.id);
      const pid = rec.handle.pid;
      if (!info || info.exit || (pid > 0 && !pidAlive(pid))) {
        unhealthy++;
        this.host.bus.publish({ type: 'health.dead-process', agentId: rec.id, pid });
        this.host.unhealthy(rec, 'AGENT_CRASHED', `process ${pid} is gone`);
        continue;
      }
      const last = info.lastHeartbeatAt ?? info.readyAt ?? now;
      if (now - last > heartbeatTimeout) {
        unhealthy++;
        this.host.bus.publish({ type: 'health.heartbeat-timeout', agentId: rec.id, silentForMs: now - last });
        this.host.unhealthy(
          rec,
          'HEARTBEAT_TIMEOUT',
          `no heartbeat for ${now - last} ms (heartbeatTimeout ${heartbeatTimeout} ms)`,
        );
        continue;
      }
      const limit = rec.options.limits?.maxMemoryBytes ?? maxMemory;
      if (info.resources.memoryBytes > limit) {
        unhealthy++;
        this.host.bus.publish({
          type: 'health.limit-exceeded',
          agentId: rec.id,
          limit: 'memory',
          value: info.resources.memoryBytes,
          max: limit,
        });
        this.host.unhealthy(
          rec,
          'RESOURCE_LIMIT_EXCEEDED',
          `memory ${info.resources.memoryBytes} B over the limit ${limit} B`,
        );
      }
    }
    this.host.bus.publish({ type: 'health.check', checked, unhealthy });
    return unhealthy;
  }
}
