import { randomUUID } from 'node:crypto';
import { AgentExecutor, type TaskDelegation, type TaskDelegationInput, type TaskResult } from '@axon/executor';
import { McpServerPool, type McpToolResult } from '@axon/mcp';
import { ProcessManager, type PlatformCapabilities } from '@axon/process';
import { bridgeAgentBus } from '../bus/agent-bridge.js';
import type { EventListener } from '../bus/message-bus.js';
import { MessageBus } from '../bus/message-bus.js';
import type { EventSelector } from '../bus/filter.js';
import type { RuntimeEvent } from '../bus/events.js';
import type { RuntimeConfig, RuntimeConfigInput } from '../config/schema.js';
import { parseRuntimeConfig } from '../config/validate.js';
import { RuntimeError, toRuntimeError } from '../errors/runtime-error.js';
import { HealthMonitor } from '../health/health-monitor.js';
import type { AgentTypeSpec, AgentTypeSpecInput } from '../pool/agent-type.js';
import type { PoolHost } from '../pool/pool-host.js';
import { WorkerPool, type SubmitOptions } from '../pool/worker-pool.js';
import { Breaker } from '../recovery/breaker.js';
import { DegradingMcpPool } from '../recovery/degrading-pool.js';
import { Restarter } from '../recovery/restarter.js';
import { RuntimeCounters, type RuntimeStatistics } from '../stats/runtime-statistics.js';
import type { AgentRecord, RuntimeAgentInfo, SpawnAgentOptions } from './agent-record.js';
import { agentInfo } from './agent-info.js';
import { bridgeLayerEvents } from './event-bridge.js';
import { executorConfig, mcpPoolConfig, processManagerConfig } from './layer-config.js';
import { shutdownRuntime, type ShutdownOptions, type ShutdownReport } from './shutdown.js';

/** Lifecycle state of a runtime. */
export type RuntimeState = 'created' | 'starting' | 'running' | 'shutting-down' | 'stopped';

/** Key under which the runtime itself (LeadAgent, `callTool`) reaches Cortex. */
export const RUNTIME_MCP_KEY = 'axon-runtime';

/**
 * The one object users program against: spawns and supervises agents (ProcessManager), runs tasks on them
 * (AgentExecutor) with tool calls routed to Cortex (McpServerPool), a worker pool with a priority queue,
 * health monitoring, recovery, a message bus and statistics.
 */
export class AgentRuntime {
  /** The validated configuration. */
  readonly config: RuntimeConfig;
  /** The message bus every event goes to. */
  readonly bus: MessageBus;
  /** The process layer. */
  readonly processManager: ProcessManager;
  /** The MCP layer. */
  readonly mcpPool: McpServerPool;
  /** The execution layer. */
  readonly executor: AgentExecutor;
  private readonly mcp: DegradingMcpPool;
  private readonly records = new Map<string, AgentRecord>();
  private readonly claimed = new Set<string>();
  private readonly direct = new Set<{ controller: AbortController; done: Promise<unknown> }>();
  private readonly breakers = new Map<string, Breaker>();
  private readonly counters = new RuntimeCounters();
  private readonly pool: WorkerPool;
  private readonly health: HealthMonitor;
  private readonly restarter: Restarter;
  private readonly unhook: () => void;
  private pooledSeq = 0;
  private current: RuntimeState = 'created';
  private starting: Promise<PlatformCapabilities> | undefined;
  private stopping: Promise<ShutdownReport> | undefined;

  /**
   * @param config Any subset of {@link RuntimeConfigInput}; invalid values throw `INVALID_CONFIG` naming the field.
   * @param messageBus The bus to publish on. Default: a new one keeping `monitoring.eventHistorySize` events.
   */
  constructor(config: RuntimeConfigInput = {}, messageBus?: MessageBus) {
    this.config = parseRuntimeConfig(config);
    this.bus = messageBus ?? new MessageBus({ historySize: this.config.monitoring.eventHistorySize });
    this.processManager = new ProcessManager(processManagerConfig(this.config));
    this.mcpPool = new McpServerPool(mcpPoolConfig(this.config));
    this.mcp = new DegradingMcpPool(this.mcpPool, {
      enabled: this.config.recovery.enableGracefulDegradation,
      retryAfter: Math.min(this.config.recovery.breakerCooldown, 10_000),
      onDegraded: (reason) => this.bus.publish({ type: 'recovery.degraded', component: 'mcp', reason }),
      onRestored: () => this.bus.publish({ type: 'recovery.restored', component: 'mcp' }),
    });
    this.executor = new AgentExecutor(this.processManager, this.mcp, executorConfig(this.config));
    this.pool = new WorkerPool(this.poolHost());
    this.restarter = new Restarter({
      bus: this.bus,
      config: this.config,
      running: () => this.current === 'running',
      respawn: (rec) => this.launch(rec),
      gaveUp: () => this.pool.failUnservable(),
      restarted: () => this.pool.pump(),
    });
    this.health = new HealthMonitor({
      bus: this.bus,
      config: this.config,
      processManager: this.processManager,
      records: () => this.records.values(),
      unhealthy: (rec, code, reason) => this.failAgent(rec, code, reason),
    });
    this.unhook = bridgeLayerEvents({
      bus: this.bus,
      config: this.config,
      processManager: this.processManager,
      executor: this.executor,
      mcpPool: this.mcpPool,
      record: (id) => this.records.get(id),
    });
    this.processManager.subscribe((e) => {
      if (e.type === 'state') {
        const rec = this.records.get(e.id);
        if (rec && rec.handle !== undefined) rec.state = e.to;
        if (e.to === 'idle' || e.to === 'ready') this.pool.pump();
      }
    });
  }

  /** `created`, `starting`, `running`, `shutting-down` or `stopped`. */
  get state(): RuntimeState {
    return this.current;
  }

  /** Starts the runtime (idempotent): probes the platform's isolation once, starts the loops and warm agents. */
  start(): Promise<PlatformCapabilities> {
    if (this.current === 'shutting-down' || this.current === 'stopped') {
      return Promise.reject(new RuntimeError('SHUTTING_DOWN', 'this runtime was shut down; create a new AgentRuntime'));
    }
    this.starting ??= (async () => {
      this.current = 'starting';
      const isolation = await this.processManager.platform();
      if (this.current !== 'starting') return isolation;
      this.counters.startedAt = Date.now();
      this.current = 'running';
      this.health.start();
      this.bus.publish({ type: 'runtime.started', isolation });
      this.pool.pump();
      return isolation;
    })();
    return this.starting;
  }

  /**
   * Shuts down (idempotent): stops accepting work, fails queued tasks (`SHUTTING_DOWN`), lets running tasks finish
   * until `timeout` (default `process.shutdownGracePeriod` × 3), cancels the rest, terminates every agent in
   * parallel, closes the MCP servers and stops every loop. Afterwards no process is left.
   */
  shutdown(options: ShutdownOptions = {}): Promise<ShutdownReport> {
    this.stopping ??= (async () => {
      this.current = 'shutting-down';
      if (this.starting) await this.starting.catch(() => undefined);
      const report = await shutdownRuntime(
        {
          bus: this.bus,
          pool: this.pool,
          direct: this.direct,
          processManager: this.processManager,
          mcpPool: this.mcpPool,
          executor: this.executor,
          stopLoops: () => {
            this.health.stop();
            for (const rec of this.records.values()) {
              rec.stopping = true;
              this.restarter.cancel(rec);
            }
          },
        },
        options.timeout ?? this.config.process.shutdownGracePeriod * 3,
      );
      for (const rec of this.records.values()) rec.detach?.();
      this.unhook();
      this.current = 'stopped';
      return report;
    })();
    return this.stopping;
  }

  /** Spawns an agent and resolves with its id once it is Ready. */
  async spawnAgent(name: string, type: string, command: string, args: string[] = [], options: SpawnAgentOptions = {}): Promise<string> {
    this.assertRunning('spawnAgent');
    const id = options.id ?? randomUUID();
    if (this.records.get(id) && !this.records.get(id)!.failedPermanently) {
      throw new RuntimeError('INVALID_ARGUMENT', `an agent with id "${id}" already exists`, { data: { path: 'options.id', agentId: id } });
    }
    const rec = this.newRecord({ id, name, type, command, args, options, pooled: false });
    try {
      await this.launch(rec);
    } catch (e) {
      this.records.delete(id);
      throw toRuntimeError(e, 'SPAWN_FAILED', { agentId: id });
    }
    this.pool.pump();
    return id;
  }

  /** Terminates an agent (graceful, then forced) and forgets it. Unknown ids throw `AGENT_NOT_FOUND`. */
  async terminateAgent(id: string): Promise<void> {
    const rec = this.requireRecord(id);
    rec.stopping = true;
    this.restarter.cancel(rec);
    try {
      if (rec.handle) await this.processManager.terminate(id);
    } finally {
      rec.detach?.();
      this.records.delete(id);
      this.bus.publish({ type: 'agent.terminated', agentId: id, reason: 'terminateAgent' });
    }
  }

  /** A snapshot of one agent, or `undefined`. */
  getAgent(id: string): RuntimeAgentInfo | undefined {
    const rec = this.records.get(id);
    return rec ? agentInfo(rec, this.processManager.get(id)) : undefined;
  }

  /** Snapshots of every agent the runtime manages (Failed ones included until terminated). */
  listAgents(): RuntimeAgentInfo[] {
    return [...this.records.values()].map((rec) => agentInfo(rec, this.processManager.get(rec.id)));
  }

  /** Runs a task on a given agent (no queueing, no retry). Errors are `RuntimeError`s with the executor's code. */
  async executeTask(agentId: string, delegation: TaskDelegationInput, options: { signal?: AbortSignal } = {}): Promise<TaskResult> {
    this.assertRunning('executeTask');
    const rec = this.requireRecord(agentId);
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = this.runAttempt(rec, delegation as TaskDelegation, { attempt: 1, signal: controller.signal });
    const entry = { controller, done: done.catch(() => undefined) };
    this.direct.add(entry);
    try {
      const result = await done;
      this.counters.taskFinished(true);
      return result;
    } catch (e) {
      const err = toRuntimeError(e, 'TASK_FAILED');
      this.counters.taskFinished(false);
      const taskId = typeof err.data.taskId === 'string' ? err.data.taskId : ((delegation as { taskId?: string }).taskId ?? '');
      this.bus.publish({ type: 'task.failed', taskId, agentId, attempt: 1, code: err.code, message: err.message, willRetry: false });
      throw err;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      this.direct.delete(entry);
    }
  }

  /** Runs tasks on given agents, at most `maxParallel` at once (default `maxConcurrentProcesses`); one settled result per task, in order. */
  async executeTasksParallel(tasks: ReadonlyArray<{ agentId: string; delegation: TaskDelegationInput }>, maxParallel = this.config.process.maxConcurrentProcesses): Promise<PromiseSettledResult<TaskResult>[]> {
    this.assertRunning('executeTasksParallel');
    if (!Number.isInteger(maxParallel) || maxParallel < 1) throw new RuntimeError('INVALID_ARGUMENT', `maxParallel must be an integer >= 1, got ${maxParallel}`, { data: { path: 'maxParallel' } });
    const results: PromiseSettledResult<TaskResult>[] = new Array(tasks.length);
    let next = 0;
    const busyAgents = new Set<string>();
    const waiting: Array<() => void> = [];
    const worker = async () => {
      while (next < tasks.length) {
        const i = next++;
        const t = tasks[i]!;
        while (busyAgents.has(t.agentId)) await new Promise<void>((r) => waiting.push(r));
        busyAgents.add(t.agentId);
        try {
          results[i] = { status: 'fulfilled', value: await this.executeTask(t.agentId, t.delegation) };
        } catch (reason) {
          results[i] = { status: 'rejected', reason };
        } finally {
          busyAgents.delete(t.agentId);
          waiting.splice(0).forEach((w) => w());
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(maxParallel, tasks.length) }, worker));
    return results;
  }

  /** Registers an agent type for the worker pool and (when running) starts its `minIdle` warm agents. */
  registerAgentType(type: string, spec: AgentTypeSpecInput): AgentTypeSpec {
    const parsed = this.pool.register(type, spec);
    if (this.current === 'running') this.pool.pump();
    return parsed;
  }

  /** Queues a task for the pool; resolves with its result (retried per the retry policy), rejects with a `RuntimeError`. */
  submit(delegation: TaskDelegationInput, options: SubmitOptions = {}): Promise<TaskResult> {
    if (this.current !== 'running') return Promise.reject(this.notRunning('submit'));
    return this.pool.submit(delegation, options);
  }

  /** Calls a Cortex (MCP) tool as the runtime itself (used by LeadAgent); `MCP_UNAVAILABLE` when Cortex is down. */
  async callTool(name: string, args: Record<string, unknown> = {}, options: { timeout?: number; signal?: AbortSignal } = {}): Promise<McpToolResult> {
    this.assertRunning('callTool');
    try {
      await this.mcp.getOrCreate(RUNTIME_MCP_KEY);
      return (await this.mcp.callTool(RUNTIME_MCP_KEY, { name, arguments: args }, options)) as McpToolResult;
    } catch (e) {
      throw toRuntimeError(e, 'MCP_UNAVAILABLE');
    }
  }

  /** Subscribes to bus events (all, or those `selector` matches); returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  subscribe(selector: EventSelector<RuntimeEvent>, listener: EventListener): () => void;
  subscribe(a: EventListener | EventSelector<RuntimeEvent>, b?: EventListener): () => void {
    return b === undefined ? this.bus.subscribe(a as EventListener) : this.bus.subscribe(a as EventSelector<RuntimeEvent>, b);
  }

  /** Counters and the statistics of every layer. */
  getStatistics(): RuntimeStatistics {
    let active = 0;
    for (const r of this.records.values()) if (r.handle && !r.restarting && this.processManager.isAlive(r.id)) active++;
    const breakers: RuntimeStatistics['breakers'] = {};
    for (const [type, b] of this.breakers) breakers[type] = b.state;
    return {
      totalAgentsSpawned: this.counters.spawned,
      activeAgents: active,
      totalTasksExecuted: this.counters.executed,
      totalTasksFailed: this.counters.failed,
      successRate: this.counters.successRate,
      uptimeMs: this.counters.uptimeMs,
      queuedTasks: this.pool.queued,
      runningTasks: this.pool.inFlight + this.direct.size,
      totalRestarts: this.counters.restarts,
      breakers,
      process: this.processManager.getStatistics(),
      executor: this.executor.getStatistics(),
      mcp: this.mcpPool.getStatistics(),
    };
  }

  private poolHost(): PoolHost {
    return {
      bus: this.bus,
      config: this.config,
      records: () => this.liveRecords(),
      isFree: (r) => r.handle !== undefined && !r.restarting && !r.stopping && !this.claimed.has(r.id) && (r.state === 'ready' || r.state === 'idle'),
      capabilitiesOf: (r) => r.handle?.capabilities ?? r.options.capabilities ?? [],
      processCount: () => {
        let n = 0;
        for (const r of this.records.values()) if (r.handle && !r.restarting && !r.failedPermanently) n++;
        return n;
      },
      spawnPooled: (type, spec) => this.spawnPooled(type, spec),
      runAttempt: (rec, task, opts) => this.runAttempt(rec, task, opts),
      checkpoint: (taskId) => this.executor.getCheckpoint(taskId),
      breaker: (type) => this.breaker(type),
      taskFinished: (ok) => this.counters.taskFinished(ok),
    };
  }

  private *liveRecords(): Iterable<AgentRecord> {
    for (const r of this.records.values()) if (!r.failedPermanently) yield r;
  }

  private breaker(type: string): Breaker {
    let b = this.breakers.get(type);
    if (!b) {
      b = new Breaker({ failureThreshold: this.config.recovery.failureThreshold, cooldown: this.config.recovery.breakerCooldown });
      this.breakers.set(type, b);
    }
    return b;
  }

  private async spawnPooled(type: string, spec: AgentTypeSpec): Promise<AgentRecord> {
    const options: SpawnAgentOptions = { env: spec.env, capabilities: spec.capabilities, ...(spec.cwd !== undefined && { cwd: spec.cwd }), ...(spec.limits !== undefined && { limits: spec.limits }) };
    const rec = this.newRecord({ id: `${type}-${++this.pooledSeq}-${randomUUID().slice(0, 8)}`, name: `${type}-${this.pooledSeq}`, type, command: spec.command, args: spec.args, options, pooled: true });
    try {
      await this.launch(rec);
      return rec;
    } catch (e) {
      this.records.delete(rec.id);
      throw toRuntimeError(e, 'SPAWN_FAILED', { agentId: rec.id });
    }
  }

  private newRecord(r: Pick<AgentRecord, 'id' | 'name' | 'type' | 'command' | 'args' | 'options' | 'pooled'>): AgentRecord {
    const rec: AgentRecord = { ...r, handle: undefined, state: 'initial', restarting: false, stopping: false, failedPermanently: false, restarts: 0, tasksCompleted: 0, tasksFailed: 0 };
    this.records.set(rec.id, rec);
    return rec;
  }

  // Starts (or restarts) the record's process and wires it to the bus and to recovery.
  private async launch(rec: AgentRecord): Promise<void> {
    const o = rec.options;
    const handle = await this.processManager.spawn({
      id: rec.id, name: rec.name, type: rec.type, command: rec.command, args: rec.args,
      ...(o.cwd !== undefined && { cwd: o.cwd }), ...(o.env !== undefined && { env: o.env }),
      ...(o.limits !== undefined && { limits: o.limits }), ...(o.capabilities !== undefined && { capabilities: o.capabilities }),
    });
    rec.handle = handle;
    rec.state = 'ready';
    rec.detach = bridgeAgentBus(rec.id, handle.peer, this.bus);
    this.counters.spawned++;
    if (rec.restarts > 0) this.counters.restarts++;
    void handle.exited.then((exit) => this.onExit(rec, handle, exit));
  }

  private onExit(rec: AgentRecord, handle: AgentRecord['handle'], exit: { exitCode: number | null; signal: string | null; reason?: string }): void {
    if (rec.handle !== handle) return;
    rec.detach?.();
    rec.detach = undefined;
    rec.state = 'terminated';
    if (rec.stopping || this.current !== 'running') return;
    const failure = this.processManager.get(rec.id)?.failure;
    const code = failure?.code ?? 'AGENT_CRASHED';
    const message = failure?.message ?? `exited with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.exitCode}`}${exit.reason ? ` (${exit.reason})` : ''}`;
    rec.lastFailure = { code, message, at: Date.now() };
    // Heartbeat and limit failures were already published when the process layer reported them.
    if (code !== 'HEARTBEAT_TIMEOUT' && code !== 'RESOURCE_LIMIT_EXCEEDED') this.bus.publish({ type: 'health.agent-failed', agentId: rec.id, code, reason: message });
    this.restarter.onCrash(rec, `${code}: ${message}`);
    this.pool.pump();
  }

  private failAgent(rec: AgentRecord, code: string, reason: string): void {
    rec.lastFailure = { code, message: reason, at: Date.now() };
    this.bus.publish({ type: 'health.agent-failed', agentId: rec.id, code, reason });
    this.processManager.terminate(rec.id, { gracePeriod: Math.min(this.config.process.shutdownGracePeriod, 2_000) }).catch(() => undefined);
  }

  private async runAttempt(rec: AgentRecord, task: TaskDelegation, opts: { attempt: number; checkpoint?: unknown; signal: AbortSignal }): Promise<TaskResult> {
    this.claimed.add(rec.id);
    try {
      const result = await this.executor.executeTask(rec.id, task, opts);
      rec.tasksCompleted++;
      rec.restarts = 0;
      this.bus.publish({ type: 'task.completed', taskId: result.task.taskId, agentId: rec.id, attempt: result.attempt, durationMs: result.durationMs, toolCalls: result.toolCalls });
      return result;
    } catch (e) {
      rec.tasksFailed++;
      throw toRuntimeError(e, 'TASK_FAILED', { agentId: rec.id });
    } finally {
      this.claimed.delete(rec.id);
    }
  }

  private requireRecord(id: string): AgentRecord {
    const rec = this.records.get(id);
    if (!rec) throw new RuntimeError('AGENT_NOT_FOUND', `no agent "${id}" in this runtime; spawnAgent() it first or use listAgents()`, { data: { agentId: id } });
    return rec;
  }

  private notRunning(op: string): RuntimeError {
    if (this.current === 'shutting-down' || this.current === 'stopped') return new RuntimeError('SHUTTING_DOWN', `${op}: the runtime is shutting down`, { data: { op } });
    return new RuntimeError('NOT_STARTED', `${op}: call start() first`, { data: { op } });
  }

  private assertRunning(op: string): void {
    if (this.current !== 'running') throw this.notRunning(op);
  }
}
