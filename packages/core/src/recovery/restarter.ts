import type { MessageBus } from '../bus/message-bus.js';
import type { RuntimeConfig } from '../config/schema.js';
import { toRuntimeError } from '../errors/runtime-error.js';
import type { AgentRecord } from '../runtime/agent-record.js';
import { backoffDelay } from '@axon/mcp';

/** What the restarter needs from the runtime. */
export interface RestartHost {
  readonly bus: MessageBus;
  readonly config: RuntimeConfig;
  /** Whether the runtime is running (no restarts during shutdown). */
  running(): boolean;
  /** Starts the agent's process again under the same id. */
  respawn(record: AgentRecord): Promise<void>;
  /** Called when the agent stays Failed (so queued work can be re-evaluated). */
  gaveUp(record: AgentRecord): void;
  /** Called after a successful restart. */
  restarted(record: AgentRecord): void;
}

/**
 * Restarts crashed or failed agents with exponential backoff (`restartBackoffBase` doubling, ±20 % jitter,
 * capped at `restartBackoffMax`) up to `maxRestartAttempts` consecutive attempts; then the agent stays Failed
 * and `recovery.gave-up` says why.
 */
export class Restarter {
  constructor(private readonly host: RestartHost) {}

  /** Handles an agent whose process ended without the runtime asking it to. */
  onCrash(record: AgentRecord, reason: string): void {
    const c = this.host.config.recovery;
    const auto = record.options.autoRestart ?? c.enableAutoRestart;
    if (!this.host.running()) return;
    if (!auto || record.restarts >= c.maxRestartAttempts) {
      record.failedPermanently = true;
      const why = !auto
        ? `auto-restart is off; last failure: ${reason}`
        : `${record.restarts} restart attempt(s) used up (maxRestartAttempts ${c.maxRestartAttempts}); last failure: ${reason}`;
      this.host.bus.publish({ type: 'recovery.gave-up', agentId: record.id, attempts: record.restarts, reason: why });
      this.host.gaveUp(record);
      return;
    }
    record.restarts++;
    record.restarting = true;
    const attempt = record.restarts;
    const delayMs = backoffDelay(attempt, { base: c.restartBackoffBase, max: c.restartBackoffMax });
    this.host.bus.publish({ type: 'recovery.restart-scheduled', agentId: record.id, attempt, delayMs, reason });
    record.restartTimer = setTimeout(() => {
      record.restartTimer = undefined;
      if (!this.host.running() || record.stopping) {
        record.restarting = false;
        return;
      }
      this.host.respawn(record).then(
        () => {
          record.restarting = false;
          this.host.bus.publish({
            type: 'recovery.restarted',
            agentId: record.id,
            attempt,
            pid: record.handle?.pid ?? 0,
          });
          this.host.restarted(record);
        },
        (error: unknown) => {
          record.restarting = false;
          const e = toRuntimeError(error, 'SPAWN_FAILED');
          this.host.bus.publish({
            type: 'recovery.restart-failed',
            agentId: record.id,
            attempt,
            code: e.code,
            message: e.message,
          });
          this.onCrash(record, `restart failed: ${e.message}`);
        },
      );
    }, delayMs);
  }

  /** Cancels a pending restart (terminate, shutdown). */
  cancel(record: AgentRecord): void {
    if (record.restartTimer) clearTimeout(record.restartTimer);
    record.restartTimer = undefined;
    record.restarting = false;
  }
}
