import { randomUUID } from 'node:crypto';
import type { ExitInfo, ProcessManager } from '@axon/process';
import { busGrantFor } from '../bus/access.js';
import { bridgeAgentBus, type BusDenial } from '../bus/agent-bridge.js';
import type { MessageBus } from '../bus/message-bus.js';
import type { RuntimeConfig } from '../config/schema.js';
import { toRuntimeError } from '../errors/runtime-error.js';
import type { AgentTypeSpec } from '../pool/agent-type.js';
import { Restarter } from '../recovery/restarter.js';
import type { RuntimeCounters } from '../stats/runtime-statistics.js';
import type { AgentRecord } from './agent-record.js';
import { endSpan, startSpawnSpan } from '../telemetry/tracing.js';

/** What the supervisor needs from the runtime. */
export interface SupervisorHost {
  readonly bus: MessageBus;
  readonly config: RuntimeConfig;
  readonly processManager: ProcessManager;
  readonly counters: RuntimeCounters;
  /** Whether the runtime is running (no restarts otherwise). */
  running(): boolean;
  /** Something changed that may let queued work run (an agent came back, or went away for good). */
  changed(gaveUp: boolean): void;
  /** An agent became Ready or Idle: it may take queued work. */
  free(record: AgentRecord): void;
  /** An agent's bus request was refused (audit it). */
  busDenied(record: AgentRecord, denial: BusDenial): void;
}

/**
 * Owns the runtime's agents: their records, starting their processes (and wiring each to the message bus),
 * noticing exits, failing unhealthy agents and handing crashes to the {@link Restarter}.
 */
export class Supervisor {
  /** Every agent the runtime manages, by id (permanently failed ones included until terminated). */
  readonly records = new Map<string, AgentRecord>();
  readonly restarter: Restarter;
  private pooledSeq = 0;

  constructor(private readonly host: SupervisorHost) {
    this.restarter = new Restarter({
      bus: host.bus,
      config: host.config,
      running: () => host.running(),
      respawn: (rec) => this.launch(rec),
      gaveUp: () => host.changed(true),
      restarted: () => host.changed(false),
    });
    // Records follow their process's state; a Ready or Idle agent is offered to queued work.
    host.processManager.subscribe((e) => {
      if (e.type !== 'state') return;
      const rec = this.records.get(e.id);
      if (rec && rec.handle !== undefined) rec.state = e.to;
      if (rec && (e.to === 'idle' || e.to === 'ready')) host.free(rec);
    });
  }

  /** Adds a record (not started yet). */
  add(r: Pick<AgentRecord, 'id' | 'name' | 'type' | 'command' | 'args' | 'options' | 'pooled'>): AgentRecord {
    const rec: AgentRecord = {
      ...r,
      handle: undefined,
      state: 'initial',
      restarting: false,
      stopping: false,
      failedPermanently: false,
      restarts: 0,
      tasksCompleted: 0,
      tasksFailed: 0,
      busDenials: 0,
    };
    this.records.set(rec.id, rec);
    return rec;
  }

  /** Records that are not permanently failed. */
  *live(): Iterable<AgentRecord> {
    for (const r of this.records.values()) if (!r.failedPermanently) yield r;
  }

  /** Agent processes alive or starting (not restarting, not given up). */
  processCount(): number {
    let n = 0;
    for (const r of this.records.values()) if (r.handle && !r.restarting && !r.failedPermanently) n++;
    return n;
  }

  /** Adds and starts an agent; on failure the record is removed and a `RuntimeError` thrown. */
  async start(
    r: Pick<AgentRecord, 'id' | 'name' | 'type' | 'command' | 'args' | 'options' | 'pooled'>,
  ): Promise<AgentRecord> {
    const rec = this.add(r);
    try {
      await this.launch(rec);
      return rec;
    } catch (e) {
      this.records.delete(rec.id);
      throw toRuntimeError(e, 'SPAWN_FAILED', { agentId: rec.id });
    }
  }

  /** Starts one pool agent of a registered type. */
  startPooled(type: string, spec: AgentTypeSpec): Promise<AgentRecord> {
    const n = ++this.pooledSeq;
    const options = {
      env: spec.env,
      capabilities: spec.capabilities,
      ...(spec.cwd !== undefined && { cwd: spec.cwd }),
      ...(spec.limits !== undefined && { limits: spec.limits }),
      ...(spec.sandbox !== undefined && { sandbox: spec.sandbox }),
    };
    return this.start({
      id: `${type}-${n}-${randomUUID().slice(0, 8)}`,
      name: `${type}-${n}`,
      type,
      command: spec.command,
      args: spec.args,
      options,
      pooled: true,
    });
  }

  /** Stops one agent (graceful, then forced) and forgets it. */
  async terminate(rec: AgentRecord): Promise<void> {
    rec.stopping = true;
    this.restarter.cancel(rec);
    try {
      if (rec.handle) await this.host.processManager.terminate(rec.id);
    } finally {
      rec.detach?.();
      this.records.delete(rec.id);
      this.host.bus.publish({ type: 'agent.terminated', agentId: rec.id, reason: 'terminateAgent' });
    }
  }

  /** Stops the agent's process and starts a new one under the same id (an operator's restart: no backoff). */
  async restart(rec: AgentRecord): Promise<void> {
    this.restarter.cancel(rec);
    rec.stopping = true;
    try {
      if (rec.handle && this.host.processManager.isAlive(rec.id)) await this.host.processManager.terminate(rec.id);
    } finally {
      rec.stopping = false;
    }
    rec.failedPermanently = false;
    rec.restarting = true;
    try {
      await this.launch(rec);
    } catch (e) {
      rec.restarting = false;
      throw toRuntimeError(e, 'SPAWN_FAILED', { agentId: rec.id });
    }
    rec.restarting = false;
    if (rec.restarts === 0) this.host.counters.restarts++; // launch() counts it otherwise
    this.host.bus.publish({ type: 'recovery.restarted', agentId: rec.id, attempt: 0, pid: rec.handle?.pid ?? 0 });
  }

  /** Marks every agent as stopping and cancels pending restarts (shutdown). */
  stopAll(): void {
    for (const rec of this.records.values()) {
      rec.stopping = true;
      this.restarter.cancel(rec);
    }
  }

  /** Detaches every agent from the bus (after shutdown). */
  detachAll(): void {
    for (const rec of this.records.values()) rec.detach?.();
  }

  // Starts (or restarts) the record's process and wires it to the bus and to recovery.
  private async launch(rec: AgentRecord): Promise<void> {
    const o = rec.options;
    const span = startSpawnSpan(rec.id, rec.type, rec.restarts > 0 || rec.handle !== undefined);
    const handle = await this.host.processManager
      .spawn({
        id: rec.id,
        name: rec.name,
        type: rec.type,
        command: rec.command,
        args: rec.args,
        ...(o.cwd !== undefined && { cwd: o.cwd }),
        ...(o.env !== undefined && { env: o.env }),
        ...(o.limits !== undefined && { limits: o.limits }),
        ...(o.capabilities !== undefined && { capabilities: o.capabilities }),
        ...(o.sandbox !== undefined && { sandbox: o.sandbox }),
      })
      .then(
        (h) => {
          span.setAttribute('axon.agent.pid', h.pid);
          endSpan(span);
          return h;
        },
        (e: unknown) => {
          const err = toRuntimeError(e, 'SPAWN_FAILED');
          endSpan(span, err);
          throw e;
        },
      );
    rec.handle = handle;
    rec.state = 'ready';
    const security = this.host.config.security;
    rec.detach = bridgeAgentBus({
      sender: { agentId: rec.id, name: rec.name, type: rec.type },
      peer: handle.peer,
      bus: this.host.bus,
      grant: busGrantFor(rec.type, security.bus, security.defaultBus),
      onDenied: (denial) => this.host.busDenied(rec, denial),
    });
    this.host.counters.spawned++;
    if (rec.restarts > 0) this.host.counters.restarts++;
    void handle.exited.then((exit) => this.onExit(rec, handle, exit));
  }

  private onExit(rec: AgentRecord, handle: AgentRecord['handle'], exit: ExitInfo): void {
    if (rec.handle !== handle) return;
    rec.detach?.();
    rec.detach = undefined;
    rec.state = 'terminated';
    if (rec.stopping || !this.host.running()) return;
    const failure = this.host.processManager.get(rec.id)?.failure;
    const code = failure?.code ?? 'AGENT_CRASHED';
    const message =
      failure?.message ??
      `exited with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.exitCode}`}${exit.reason ? ` (${exit.reason})` : ''}`;
    rec.lastFailure = { code, message, at: Date.now() };
    // Heartbeat and limit failures were already published when the process layer reported them.
    if (code !== 'HEARTBEAT_TIMEOUT' && code !== 'RESOURCE_LIMIT_EXCEEDED')
      this.host.bus.publish({ type: 'health.agent-failed', agentId: rec.id, code, reason: message });
    this.restarter.onCrash(rec, `${code}: ${message}`);
    this.host.changed(false);
  }
}
