import { randomUUID } from 'node:crypto';
import { isDirectory, NetworkProxy, resolveCommand, resolveSandboxSetting, sandboxSupport } from '@axon/sandbox';
import type { InitializeResult } from '@axon/agent';
import {
  AgentSpecSchema,
  ProcessManagerConfigSchema,
  ResourceLimitsSchema,
  type AgentSpec,
  type AgentSpecInput,
  type ProcessManagerConfig,
  type ProcessManagerConfigInput,
} from '../config/schema.js';
import { parseOrThrow } from '../config/parse.js';
import { ProcessError } from '../errors.js';
import { EventHub } from '../events/emitter.js';
import type { ProcessEventListener } from '../events/types.js';
import { createAgentCgroup, removeParents } from '../isolation/cgroup.js';
import { platformCapabilities } from '../isolation/probe.js';
import type { PlatformCapabilities } from '../isolation/report.js';
import { wrapCommand, type SandboxPlan } from '../isolation/wrap.js';
import { ResourceSampler } from '../resources/sampler.js';
import { buildAgentEnv } from '../spawn/env.js';
import { isLiveState } from '../state/states.js';
import { Agent } from './agent.js';
import { wireAgent, findAgentPid, initializeAgent } from './lifecycle.js';
import { StatisticsCounter } from './statistics.js';
import type { AgentHandle, AgentInfo, ExitInfo, ProcessStatistics } from './types.js';

const MAX_FINISHED = 256;

/**
 * Spawns agent processes and supervises them: readiness, state machine, heartbeats, resource sampling and limits,
 * log capture, graceful group termination and statistics. See docs/limits-and-isolation.md for what it uses.
 */
export class ProcessManager {
  /** The effective configuration (defaults applied). */
  readonly config: ProcessManagerConfig;
  private readonly hub = new EventHub();
  private readonly agents = new Map<string, Agent>();
  private readonly handles = new Map<string, AgentHandle>();
  private readonly sampler: ResourceSampler;
  private readonly stats = new StatisticsCounter();
  private reserved = 0;
  private closing = false;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private caps: PlatformCapabilities | undefined;

  constructor(config: ProcessManagerConfigInput = {}) {
    this.config = parseOrThrow(ProcessManagerConfigSchema, config, 'INVALID_CONFIG', 'ProcessManager config');
    this.sampler = new ResourceSampler(this.config.resourceSamplingInterval);
    if (this.config.enableIsolation) void platformCapabilities();
  }

  /** What this platform offers, probed once per process (tries each mechanism for real). */
  platform(): Promise<PlatformCapabilities> {
    return platformCapabilities();
  }

  /** Listens to every {@link ProcessEvent}; returns the unsubscribe function. */
  subscribe(listener: ProcessEventListener): () => void {
    return this.hub.subscribe(listener);
  }

  /**
   * Starts an agent and resolves once it answered `initialize` (Ready). Throws `INVALID_SPEC` naming the field,
   * `CAPACITY_EXCEEDED` at `maxConcurrentProcesses`, `SPAWN_FAILED` (exit code and stderr tail) or `TIMEOUT`.
   */
  async spawn(specInput: AgentSpecInput, opts: { signal?: AbortSignal; timeout?: number } = {}): Promise<AgentHandle> {
    const spec = parseOrThrow(AgentSpecSchema, specInput, 'INVALID_SPEC', 'agent spec');
    const id = spec.id ?? randomUUID();
    if (this.closing)
      throw new ProcessError('SHUTTING_DOWN', `Cannot spawn "${id}": the ProcessManager is shutting down.`, {
        agentId: id,
      });
    const existing = this.agents.get(id);
    if (existing && isLiveState(existing.machine.state)) {
      throw new ProcessError('INVALID_SPEC', `Invalid agent spec: field "id": agent "${id}" already exists`, {
        agentId: id,
        data: { field: 'id' },
      });
    }
    // Reserve the slot synchronously: concurrent spawns cannot both pass the check.
    if (this.reserved >= this.config.maxConcurrentProcesses) {
      throw new ProcessError(
        'CAPACITY_EXCEEDED',
        `Cannot spawn "${id}": ${this.reserved} of maxConcurrentProcesses=${this.config.maxConcurrentProcesses} in use. Terminate an agent or raise the limit.`,
        { agentId: id },
      );
    }
    this.reserved++;
    let agent: Agent | undefined;
    try {
      agent = await this.start(id, spec);
    } catch (err) {
      if (!agent) this.reserved--;
      throw err;
    }
    return initializeAgent(agent, {
      config: this.config,
      spec,
      timeout: opts.timeout ?? this.config.spawnTimeout,
      ...(opts.signal ? { signal: opts.signal } : {}),
    }).then((result: InitializeResult) => this.onReady(agent, result));
  }

  private async start(id: string, spec: AgentSpec): Promise<Agent> {
    const caps = (this.caps ??= await platformCapabilities());
    if (this.closing)
      throw new ProcessError('SHUTTING_DOWN', `Cannot spawn "${id}": the ProcessManager is shutting down.`, {
        agentId: id,
      });
    const limits = ResourceLimitsSchema.parse({ ...this.config.limits, ...spec.limits });
    const cwd = spec.cwd ?? this.config.workingDirectory ?? process.cwd();
    if (!isDirectory(cwd))
      throw new ProcessError('SPAWN_FAILED', `Cannot spawn "${id}": working directory "${cwd}" does not exist.`, {
        agentId: id,
        data: { field: 'cwd', cwd },
      });
    const env = buildAgentEnv({
      allowlist: this.config.envAllowlist,
      inherit: this.config.inheritEnvironment,
      environment: this.config.environment,
      specEnv: spec.env,
    });
    if (!resolveCommand(spec.command, cwd, env.PATH)) {
      throw new ProcessError(
        'SPAWN_FAILED',
        `Cannot spawn "${id}": command "${spec.command}" not found (PATH=${env.PATH ?? ''}, cwd=${cwd}).`,
        { agentId: id, data: { field: 'command', command: spec.command } },
      );
    }
    const sandbox = await this.sandboxPlan(id, spec);
    const isolate = this.config.enableIsolation;
    const cgroup =
      isolate && this.config.enableCgroups && caps.cgroup
        ? createAgentCgroup(
            caps.cgroup,
            `${process.pid}-${id}`.replace(/[^\w.-]/g, '_'),
            limits.maxMemoryBytes,
            limits.maxProcesses,
          )
        : null;
    const wrapped = wrapCommand({
      command: spec.command,
      args: spec.args,
      cwd,
      enabled: isolate,
      caps,
      fdLimit: limits.maxFileDescriptors,
      maxProcesses: limits.maxProcesses,
      cgroup,
      sandbox,
    });
    const agent = new Agent({
      id,
      name: spec.name,
      type: spec.type,
      cwd,
      env,
      wrapped,
      cgroup,
      limits,
      hub: this.hub,
      maxLogBufferSize: this.config.maxLogBufferSize,
      maxLineLength: this.config.maxLineLength,
      onGone: (a) => this.onGone(a),
    });
    if (sandbox?.proxy) void agent.exited.then(() => sandbox.proxy!.close());
    this.forgetFinished();
    this.agents.set(id, agent);
    this.stats.spawned();
    wireAgent(agent, this.hub, this.sampler);
    return agent;
  }

  // The agent's sandbox (spec, else the manager's default), with its network proxy started; refuses when unavailable.
  private async sandboxPlan(id: string, spec: AgentSpec): Promise<(SandboxPlan & { proxy?: NetworkProxy }) | null> {
    const policy = resolveSandboxSetting(spec.sandbox ?? this.config.sandbox);
    if (!policy) return null;
    const support = await sandboxSupport();
    if (!support.available)
      throw new ProcessError(
        'SANDBOX_UNAVAILABLE',
        `Cannot spawn "${id}" sandboxed: ${support.missing}. It was not started (never run unsandboxed instead); set sandbox: false to run it without one.`,
        { agentId: id, data: { missing: support.missing } },
      );
    if (policy.network === 'none') return { policy, support };
    const proxy = await NetworkProxy.start({
      allowlist: policy.network,
      ...(policy.hostUser && { owner: policy.hostUser }),
      onDecision: (d) => this.hub.emit({ type: 'network', id, at: Date.now(), ...d }),
    });
    return { policy, support, proxySocket: proxy.socketPath, proxy };
  }

  private onReady(agent: Agent, result: InitializeResult): AgentHandle {
    agent.capabilities = result.capabilities;
    agent.readyAt = Date.now();
    agent.lastHeartbeatAt = agent.readyAt;
    this.stats.ready(performance.now() - agent.startedMono);
    void findAgentPid(agent, this.sampler);
    const handle: AgentHandle = {
      id: agent.id,
      name: agent.info().name,
      type: agent.info().type,
      get pid() {
        return agent.agentPid;
      },
      capabilities: [...result.capabilities],
      concurrency: result.concurrency ?? 1,
      isolation: agent.info().isolation,
      peer: agent.peer,
      exited: agent.exited,
    };
    this.handles.set(agent.id, handle);
    agent.machine.to('ready', 'initialize answered');
    this.ensureHeartbeatMonitor();
    this.hub.emit({ type: 'ready', id: agent.id, at: Date.now(), capabilities: [...result.capabilities] });
    return handle;
  }

  private onGone(agent: Agent): void {
    this.reserved--;
    this.handles.delete(agent.id);
    this.stats.finished(agent);
  }

  private forgetFinished(): void {
    const finished = [...this.agents.values()].filter((a) => a.exit);
    for (const a of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED))) this.agents.delete(a.id);
  }

  // Heartbeats of every agent on one timer, armed for the earliest deadline: a heartbeat only moves its agent's
  // deadline later, and a new agent's deadline is never earlier than one already armed, so nothing needs re-arming
  // between fires. With heartbeats every I ms and a timeout T it fires about every T − I ms, not once per agent.
  private ensureHeartbeatMonitor(): void {
    if (this.heartbeatTimer) return;
    this.checkHeartbeats();
  }

  private checkHeartbeats(): void {
    this.heartbeatTimer = undefined;
    const timeout = this.config.heartbeatTimeout;
    const now = Date.now();
    let earliest = Infinity;
    for (const a of this.agents.values()) {
      const s = a.machine.state;
      if (s !== 'ready' && s !== 'idle' && s !== 'busy') continue;
      const last = a.lastHeartbeatAt ?? a.readyAt ?? now;
      if (now - last <= timeout) {
        earliest = Math.min(earliest, last + timeout);
        continue;
      }
      a.fail(
        new ProcessError(
          'HEARTBEAT_TIMEOUT',
          `Agent "${a.id}" sent no heartbeat for ${now - last} ms (heartbeatTimeout=${timeout} ms); it was stopped.`,
          { agentId: a.id, data: { lastHeartbeatAt: last, timeoutMs: timeout } },
        ),
        'heartbeat timeout',
      );
      this.stats.heartbeatTimeout();
      this.hub.emit({ type: 'heartbeat-timeout', id: a.id, at: now, lastHeartbeatAt: last, timeoutMs: timeout });
      void a.kill(Math.min(this.config.shutdownGracePeriod, 2_000));
    }
    if (earliest === Infinity || this.closing) return;
    this.heartbeatTimer = setTimeout(() => this.checkHeartbeats(), Math.max(10, earliest - now + 1));
    this.heartbeatTimer.unref();
  }

  private require(id: string): Agent {
    const a = this.agents.get(id);
    if (!a) throw new ProcessError('AGENT_NOT_FOUND', `No agent "${id}" in this ProcessManager.`, { agentId: id });
    return a;
  }

  /** Ready|Idle → Busy (the executor calls this when it sends a task). */
  markBusy(id: string): void {
    this.require(id).machine.to('busy', 'task started');
  }

  /** Busy|Ready → Idle. */
  markIdle(id: string): void {
    this.require(id).machine.to('idle', 'task finished');
  }

  /** Terminates one agent: shutdown → close stdin → SIGTERM group → grace → SIGKILL group → reaped. */
  terminate(id: string, opts: { gracePeriod?: number } = {}): Promise<ExitInfo> {
    const a = this.agents.get(id);
    if (!a)
      return Promise.reject(new ProcessError('AGENT_NOT_FOUND', `No agent "${id}" to terminate.`, { agentId: id }));
    if (a.exit) return Promise.resolve(a.exit);
    return a.terminate(opts.gracePeriod ?? this.config.shutdownGracePeriod, this.config.shutdownRequestTimeout);
  }

  /** Terminates every agent in parallel; resolves when all are reaped. */
  async terminateAll(opts: { gracePeriod?: number } = {}): Promise<void> {
    await Promise.all([...this.agents.values()].filter((a) => !a.exit).map((a) => this.terminate(a.id, opts)));
  }

  /** Terminates everything and refuses new spawns; removes this runtime's cgroups. */
  async close(opts: { gracePeriod?: number } = {}): Promise<void> {
    this.closing = true;
    await this.terminateAll(opts);
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    removeParents(this.caps?.cgroup ?? null);
  }

  /** True while the agent's process runs and it is not failed or shutting down. */
  isAlive(id: string): boolean {
    const a = this.agents.get(id);
    return !!a && !a.exit && isLiveState(a.machine.state) && a.machine.state !== 'shutting_down';
  }

  /** A snapshot of one agent (also after it ended, for the last 256 ended agents). */
  get(id: string): AgentInfo | undefined {
    return this.agents.get(id)?.info();
  }

  /** The agent's captured stderr (and log-notification) lines, oldest first, within `maxLogBufferSize`. */
  logs(id: string): string[] {
    return this.require(id).logs.all();
  }

  /** The handle of a Ready agent. */
  getHandle(id: string): AgentHandle | undefined {
    return this.handles.get(id);
  }

  /** Snapshots of every agent known (running, and the last 256 ended). */
  list(): AgentInfo[] {
    return [...this.agents.values()].map((a) => a.info());
  }

  /** Counters and totals. */
  getStatistics(): ProcessStatistics {
    return this.stats.snapshot([...this.agents.values()]);
  }
}
