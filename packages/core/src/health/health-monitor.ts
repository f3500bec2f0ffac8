import type { ProcessEvent, ProcessManager } from '@axon/process';
import type { MessageBus } from '../bus/message-bus.js';
import type { RuntimeConfig } from '../config/schema.js';
import type { AgentRecord } from '../runtime/agent-record.js';

/** What the health monitor needs from the runtime. */
export interface HealthHost {
  readonly bus: MessageBus;
  readonly config: RuntimeConfig;
  readonly processManager: ProcessManager;
  records(): Iterable<AgentRecord>;
  record(id: string): AgentRecord | undefined;
}

const LIVE = new Set(['ready', 'idle', 'busy']);

/**
 * The runtime's view of agent health. It checks nothing itself: the process layer owns every process-level fact
 * (exits, heartbeats, resource samples, limits) and stops an agent that breaks one; this monitor turns those
 * events into `health.*` bus events (the stop itself reaches the runtime as the agent's exit), and every
 * `healthCheckInterval` publishes a `health.check` summary: live agents, and how many the process layer failed since
 * the previous summary.
 */
export class HealthMonitor {
  private timer: NodeJS.Timeout | undefined;
  private failedSinceCheck = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly host: HealthHost) {
    this.unsubscribe = host.processManager.subscribe((e) => this.onProcessEvent(e));
  }

  /** Starts the periodic summary (idempotent). */
  start(): void {
    if (this.timer || this.host.config.monitoring.healthCheckInterval <= 0) return;
    this.timer = setInterval(() => this.check(), this.host.config.monitoring.healthCheckInterval);
    this.timer.unref();
  }

  /** Stops the periodic summary (idempotent); process events are still translated until {@link detach}. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Stops the summary and stops listening to the process layer. */
  detach(): void {
    this.stop();
    this.unsubscribe();
  }

  /** Publishes one `health.check` summary now; returns how many agents the process layer failed since the last. */
  check(): number {
    let checked = 0;
    for (const rec of this.host.records())
      if (rec.handle && !rec.restarting && !rec.stopping && LIVE.has(rec.state)) checked++;
    const unhealthy = this.failedSinceCheck;
    this.failedSinceCheck = 0;
    this.host.bus.publish({ type: 'health.check', checked, unhealthy });
    return unhealthy;
  }

  private onProcessEvent(e: ProcessEvent): void {
    if (!this.host.record(e.id)) return;
    const { bus } = this.host;
    switch (e.type) {
      case 'heartbeat-timeout':
        this.failedSinceCheck++;
        bus.publish({ type: 'health.heartbeat-timeout', agentId: e.id, silentForMs: e.at - e.lastHeartbeatAt });
        bus.publish({
          type: 'health.agent-failed',
          agentId: e.id,
          code: 'HEARTBEAT_TIMEOUT',
          reason: `no heartbeat for ${e.at - e.lastHeartbeatAt} ms (heartbeatTimeout ${e.timeoutMs} ms)`,
        });
        break;
      case 'limit-exceeded':
        this.failedSinceCheck++;
        bus.publish({ type: 'health.limit-exceeded', agentId: e.id, limit: e.limit, value: e.value, max: e.max });
        bus.publish({
          type: 'health.agent-failed',
          agentId: e.id,
          code: 'RESOURCE_LIMIT_EXCEEDED',
          reason: `${e.limit} limit exceeded: ${e.value} > ${e.max}`,
        });
        break;
      case 'resources':
        if (this.host.config.monitoring.enableMetrics)
          bus.publish({ type: 'health.metrics', agentId: e.id, cpuPercent: e.cpuPercent, memoryBytes: e.memoryBytes });
        break;
      default:
        break;
    }
  }
}
