import { randomUUID } from 'node:crypto';
import type { AgentExecutor, TaskDelegationInput, TaskResult } from '@axon/executor';
import { runSlidingWindow } from '@axon/executor/internals';
import type { McpServerPool, McpToolResult } from '@axon/mcp';
import type { PlatformCapabilities, ProcessManager } from '@axon/process';
import type { EventListener } from '../bus/message-bus.js';
import { MessageBus } from '../bus/message-bus.js';
import type { EventSelector } from '../bus/filter.js';
import type { RuntimeEvent } from '../bus/events.js';
import type { RuntimeConfig, RuntimeConfigInput } from '../config/schema.js';
import { parseRuntimeConfig } from '../config/validate.js';
import { RuntimeError, toRuntimeError } from '../errors/runtime-error.js';
import { HealthMonitor } from '../health/health-monitor.js';
import type { AgentTypeSpec, AgentTypeSpecInput } from '../pool/agent-type.js';
import { Supervisor } from './supervisor.js';
import { auditBusDenial } from './bus-denials.js';
import { TaskRunner } from './task-runner.js';
import { WorkerPool, type SubmitOptions } from '../pool/worker-pool.js';
import { BreakerRegistry } from '../recovery/breakers.js';
import type { DegradingMcpPool } from '@axon/mcp';
import { collectRuntimeStatistics, RuntimeCounters, type RuntimeStatistics } from '../stats/runtime-statistics.js';
import type { AgentRecord, RuntimeAgentInfo, SpawnAgentOptions } from './agent-record.js';
import { agentInfo } from './agent-info.js';
import { bridgeLayerEvents } from './event-bridge.js';
import { agentNotFound, notRunningError, type RuntimeState } from './guards.js';
import { createLayers } from './layers.js';
import { runtimePoolHost } from './pool-host.js';
import { instrumentRuntime } from '../telemetry/metrics.js';
import { shutdownRuntime, type ShutdownOptions, type ShutdownReport } from './shutdown.js';

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
  private readonly agents: Supervisor;
  private readonly runner: TaskRunner;
  private readonly breakers: BreakerRegistry;
  private readonly counters = new RuntimeCounters();
  private readonly pool: WorkerPool;
  private readonly health: HealthMonitor;
  private readonly unhook: () => void;
  private readonly unmeter: () => void;
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
    this.breakers = new BreakerRegistry({
      failureThreshold: this.config.recovery.failureThreshold,
      cooldown: this.config.recovery.breakerCooldown,
    });
    ({
      processManager: this.processManager,
      mcpPool: this.mcpPool,
      mcp: this.mcp,
      executor: this.executor,
    } = createLayers(this.config, this.bus));
    this.runner = new TaskRunner(this.executor, this.bus, this.counters, this.config.security.defaultWorkspace);
    this.pool = new WorkerPool(
      runtimePoolHost({
        bus: this.bus,
        config: this.config,
        agents: () => this.agents,
        runner: this.runner,
        executor: this.executor,
        breakers: this.breakers,
        counters: this.counters,
      }),
    );
    this.agents = new Supervisor({
      bus: this.bus,
      config: this.config,
      processManager: this.processManager,
      counters: this.counters,
      running: () => this.current === 'running',
      changed: (gaveUp) => (gaveUp ? this.pool.failUnservable() : this.pool.pump()),
      free: (rec) => this.pool.offer(rec),
      busDenied: (rec, denial) => auditBusDenial(this.bus, this.executor, rec, denial, this.config),
    });
    this.health = new HealthMonitor({
      bus: this.bus,
      config: this.config,
      processManager: this.processManager,
      records: () => this.agents.records.values(),
      record: (id) => this.agents.records.get(id),
    });
    this.unhook = bridgeLayerEvents({
      bus: this.bus,
      config: this.config,
      processManager: this.processManager,
      executor: this.executor,
      mcpPool: this.mcpPool,
      record: (id) => this.agents.records.get(id),
    });
    this.unmeter = instrumentRuntime(this);
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
          direct: this.runner.direct,
          processManager: this.processManager,
          mcpPool: this.mcpPool,
          executor: this.executor,
          stopLoops: () => {
            this.health.stop();
            this.agents.stopAll();
          },
        },
        options.timeout ?? this.config.process.shutdownGracePeriod * 3,
      );
      this.agents.detachAll();
      this.unhook();
      this.health.detach();
      this.unmeter();
      this.current = 'stopped';
      return report;
    })();
    return this.stopping;
  }

  /** Spawns an agent and resolves with its id once it is Ready. */
  async spawnAgent(
    name: string,
    type: string,
    command: string,
    args: string[] = [],
    options: SpawnAgentOptions = {},
  ): Promise<string> {
    this.assertRunning('spawnAgent');
    const id = options.id ?? randomUUID();
    const existing = this.agents.records.get(id);
    if (existing && !existing.failedPermanently) {
      throw new RuntimeError('INVALID_ARGUMENT', `an agent with id "${id}" already exists`, {
        data: { path: 'options.id', agentId: id },
      });
    }
    await this.agents.start({ id, name, type, command, args, options, pooled: false });
    this.pool.pump();
    return id;
  }

  /** Terminates an agent (graceful, then forced) and forgets it. Unknown ids throw `AGENT_NOT_FOUND`. */
  async terminateAgent(id: string): Promise<void> {
    await this.agents.terminate(this.requireRecord(id));
    if (this.current === 'running') this.pool.pump(); // a pool type may grow again
  }

  /**
   * Restarts an agent now (graceful stop, then a new process under the same id, without backoff); a task running
   * on it fails with `AGENT_CRASHED` (and is retried per the retry policy). Unknown ids throw `AGENT_NOT_FOUND`.
   */
  async restartAgent(id: string): Promise<void> {
    this.assertRunning('restartAgent');
    await this.agents.restart(this.requireRecord(id));
    this.pool.pump();
  }

  /** A snapshot of one agent, or `undefined`. */
  getAgent(id: string): RuntimeAgentInfo | undefined {
    const rec = this.agents.records.get(id);
    return rec ? agentInfo(rec, this.processManager.get(id)) : undefined;
  }

  /** Snapshots of every agent the runtime manages (Failed ones included until terminated). */
  listAgents(): RuntimeAgentInfo[] {
    return [...this.agents.records.values()].map((rec) => agentInfo(rec, this.processManager.get(rec.id)));
  }

  /** Runs a task on a given agent (no queueing, no retry). Errors are `RuntimeError`s with the executor's code. */
  async executeTask(
    agentId: string,
    delegation: TaskDelegationInput,
    options: { signal?: AbortSignal } = {},
  ): Promise<TaskResult> {
    this.assertRunning('executeTask');
    const rec = this.requireRecord(agentId);
    try {
      return await this.runner.runDirect(rec, delegation, options.signal);
    } finally {
      // The agent is unclaimed only now (after its Idle event): let queued work have it.
      if (this.current === 'running') this.pool.offer(rec);
    }
  }

  /**
   * Runs tasks on given agents, at most `maxParallel` at once (default `maxConcurrentProcesses`) and at most an
   * agent's `concurrency` on one agent; one settled result per task, in order.
   */
  async executeTasksParallel(
    tasks: ReadonlyArray<{ agentId: string; delegation: TaskDelegationInput }>,
    maxParallel = this.config.process.maxConcurrentProcesses,
  ): Promise<PromiseSettledResult<TaskResult>[]> {
    this.assertRunning('executeTasksParallel');
    if (!Number.isInteger(maxParallel) || maxParallel < 1)
      throw new RuntimeError('INVALID_ARGUMENT', `maxParallel must be an integer >= 1, got ${maxParallel}`, {
        data: { path: 'maxParallel' },
      });
    return runSlidingWindow(tasks, (t) => this.executeTask(t.agentId, t.delegation), {
      maxParallel,
      keyOf: (t) => t.agentId,
      keyLimit: (id) => this.processManager.getHandle(id)?.concurrency ?? 1,
    });
  }

  /** Registers an agent type for the worker pool and (when running) starts its `minIdle` warm agents. */
  registerAgentType(type: string, spec: AgentTypeSpecInput): AgentTypeSpec {
    const parsed = this.pool.register(type, spec);
    if (this.current === 'running') this.pool.pump();
    return parsed;
  }

  /** Queues a task for the pool; resolves with its result (retried per the retry policy), rejects with a `RuntimeError`. */
  submit(delegation: TaskDelegationInput, options: SubmitOptions = {}): Promise<TaskResult> {
    if (this.current !== 'running') return Promise.reject(notRunningError('submit', this.current));
    return this.pool.submit(delegation, options);
  }

  /** Calls a Cortex (MCP) tool as the runtime itself (used by LeadAgent); `MCP_UNAVAILABLE` when Cortex is down. */
  async callTool(
    name: string,
    args: Record<string, unknown> = {},
    options: { timeout?: number; signal?: AbortSignal } = {},
  ): Promise<McpToolResult> {
    this.assertRunning('callTool');
    try {
      await this.mcp.getOrCreate(RUNTIME_MCP_KEY);
      return await this.mcp.callTool(RUNTIME_MCP_KEY, { name, arguments: args }, options);
    } catch (e) {
      throw toRuntimeError(e, 'MCP_UNAVAILABLE');
    }
  }

  /** Subscribes to bus events (all, or those `selector` matches); returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  subscribe(selector: EventSelector<RuntimeEvent>, listener: EventListener): () => void;
  subscribe(a: EventListener | EventSelector<RuntimeEvent>, b?: EventListener): () => void {
    return b === undefined
      ? this.bus.subscribe(a as EventListener)
      : this.bus.subscribe(a as EventSelector<RuntimeEvent>, b);
  }

  /** Counters and the statistics of every layer. */
  getStatistics(): RuntimeStatistics {
    let active = 0;
    for (const r of this.agents.records.values())
      if (r.handle && !r.restarting && this.processManager.isAlive(r.id)) active++;
    return collectRuntimeStatistics({
      counters: this.counters,
      activeAgents: active,
      queuedTasks: this.pool.queued,
      runningTasks: this.pool.inFlight + this.runner.direct.size,
      breakers: this.breakers.states(),
      process: this.processManager.getStatistics(),
      executor: this.executor.getStatistics(),
      mcp: this.mcpPool.getStatistics(),
    });
  }

  private requireRecord(id: string): AgentRecord {
    const rec = this.agents.records.get(id);
    if (!rec) throw agentNotFound(id);
    return rec;
  }

  private assertRunning(op: string): void {
    if (this.current !== 'running') throw notRunningError(op, this.current);
  }
}
