import { JsonRpcPeer } from '@axon/agent';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import type { ResourceLimits } from '../config/schema.js';
import { ProcessError } from '../errors.js';
import type { EventHub } from '../events/emitter.js';
import type { LimitName, LogFields } from '../events/types.js';
import type { AgentCgroup } from '../isolation/cgroup.js';
import type { WrappedCommand } from '../isolation/wrap.js';
import { LogBuffer } from '../logs/log-buffer.js';
import { onLines } from '../logs/line-splitter.js';
import type { ResourceUsage } from '../resources/sampler.js';
import { StateMachine } from '../state/machine.js';
import { isLiveState } from '../state/states.js';
import { killOnExit, signalGroup, signalName, signalPid, waitFor } from '../terminate/signal.js';
import type { AgentInfo, ExitInfo } from './types.js';

/** Longest stderr line kept, bytes; a longer one is dropped with a note in the log. */
const STDERR_LINE_BYTES = 64 * 1024;

/** Everything one supervised agent needs from its manager. */
export interface AgentOptions {
  id: string;
  name: string;
  type: string;
  cwd: string;
  env: Record<string, string>;
  wrapped: WrappedCommand;
  cgroup: AgentCgroup | null;
  limits: ResourceLimits;
  hub: EventHub;
  maxLogBufferSize: number;
  maxLineLength: number;
  /** Called once the process is gone (exit seen and group reaped). */
  onGone(agent: Agent): void;
}

/** One agent process under supervision: its process, peer, state, logs, resources and limits. */
export class Agent {
  readonly id: string;
  readonly machine: StateMachine;
  readonly child: ChildProcessWithoutNullStreams;
  readonly peer: JsonRpcPeer;
  readonly logs: LogBuffer;
  readonly groupPid: number;
  readonly exited: Promise<ExitInfo>;
  readonly startedAt = Date.now();
  readonly startedMono = performance.now();
  agentPid: number;
  readonly wrapperPids = new Set<number>();
  /** The `cgroup.procs` file of the agent's own cgroup (lists its whole tree), or null without a cgroup. */
  readonly cgroupProcsFile: string | null;
  capabilities: string[] = [];
  readyAt?: number;
  lastHeartbeatAt?: number;
  exit?: ExitInfo;
  failure?: ProcessError;
  resources: ResourceUsage = { cpuPercent: 0, memoryBytes: 0, peakMemoryBytes: 0, cpuTimeMs: 0, processCount: 0 };
  lastTreePids: readonly number[] = [];
  outputBytes = 0;
  badFrames = 0;
  private outputLevel = 0;
  private outputAt = performance.now();
  private cpuOverSince: number | undefined;
  private stopping: Promise<ExitInfo> | undefined;
  private readonly unregisterExitKill: () => void;

  constructor(private readonly o: AgentOptions) {
    this.id = o.id;
    this.logs = new LogBuffer(o.maxLogBufferSize);
    this.cgroupProcsFile = o.cgroup?.procsFiles[0] ?? null;
    this.machine = new StateMachine(o.id, (from, to, reason) =>
      o.hub.emit({ type: 'state', id: o.id, at: Date.now(), from, to, ...(reason === undefined ? {} : { reason }) }),
    );
    this.machine.to('starting');
    // Raw pipes, exactly the environment built for the agent (the launcher's too: PID 1 of a sandbox keeps it),
    // its own process group.
    this.child = spawn(o.wrapped.file, o.wrapped.args, {
      cwd: o.cwd,
      env: o.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.groupPid = this.child.pid ?? -1;
    this.agentPid = this.groupPid;
    // Moves the spawned wrapper into the agent's cgroups off the event loop, while it starts: the wrapper's own
    // shell joins only if this was not in time (see cgroupJoinScript), so the kernel's migration wait overlaps the
    // wrappers' execs. The write is issued before the event loop can reap the child; a pid is reused only after the
    // kernel's pid counter wraps.
    if (this.groupPid > 0 && o.cgroup)
      for (const f of o.cgroup.procsFiles) writeFile(f, String(this.groupPid)).catch(() => undefined);
    this.unregisterExitKill = this.groupPid > 0 ? killOnExit(this.groupPid) : () => true;
    this.peer = new JsonRpcPeer({
      input: this.child.stdout,
      output: this.child.stdin,
      maxLineLength: o.maxLineLength,
      requestTimeout: 0,
      name: o.id,
      maxQueuedBytes: o.limits.maxStdinBacklogBytes,
      maxInflightRequests: o.limits.maxInflightRequests,
      onBackpressure: (queued) => this.limitExceeded('stdin', queued, o.limits.maxStdinBacklogBytes),
      onStrayBytes: (n) => this.countOutput(n),
    });
    this.child.stdin.on('error', () => undefined); // EPIPE once the agent is gone
    onLines(this.child.stderr, STDERR_LINE_BYTES, {
      onLine: (line) => this.log(line),
      onOversized: (n) => this.log(`[axon] a stderr line over ${STDERR_LINE_BYTES} bytes was dropped (${n}+ bytes)`),
      onBytes: (n) => this.countOutput(n),
    });
    // The 'exit' event (reaped), not 'close': that one also waits for stdio, which a grandchild may hold open.
    this.exited = new Promise<ExitInfo>((resolveExit) => {
      this.child.once('exit', (code, sig) => resolveExit(this.onExit(code, sig)));
      // 'error' without a pid: the spawn itself failed (no 'exit' follows); with one, a failed kill or write.
      this.child.on('error', (err) => {
        this.log(`${this.groupPid < 0 ? 'spawn' : 'process'} error: ${err.message}`);
        if (this.groupPid < 0) resolveExit(this.onExit(null, null));
      });
    });
    if (this.groupPid > 0) o.hub.emit({ type: 'spawned', id: o.id, at: Date.now(), pid: this.groupPid });
  }

  /** The limits in force for this agent. */
  get limits(): ResourceLimits {
    return this.o.limits;
  }

  /** True while the agent's CPU is over its limit and the limit's window is running. */
  get cpuOver(): boolean {
    return this.cpuOverSince !== undefined;
  }

  /** Appends a line to the log buffer and publishes it (with the fields of a structured `log` record, if any). */
  log(line: string, fields?: LogFields): void {
    this.logs.push(line);
    this.o.hub.emit({ type: 'log', id: this.id, at: Date.now(), line, ...fields });
  }

  /** Non-protocol output into a leaky bucket of `maxOutputSizeBytes` that drains that much per `outputWindowMs`. */
  private countOutput(n: number): void {
    this.outputBytes += n;
    const { maxOutputSizeBytes: max, outputWindowMs } = this.o.limits;
    const now = performance.now();
    const drained = ((now - this.outputAt) * max) / outputWindowMs;
    this.outputAt = now;
    this.outputLevel = Math.max(0, this.outputLevel - drained) + n;
    if (this.outputLevel > max) this.limitExceeded('output', this.outputLevel, max);
  }

  /** Applies a resource sample: records it and enforces the memory and CPU limits. */
  onSample(u: ResourceUsage, pids: readonly number[]): void {
    if (pids.length === 0 && this.exit) return;
    this.resources = u;
    this.lastTreePids = pids;
    this.o.hub.emit({
      type: 'resources',
      id: this.id,
      at: Date.now(),
      cpuPercent: u.cpuPercent,
      memoryBytes: u.memoryBytes,
    });
    const { maxMemoryBytes, cpuLimitPercent, cpuLimitWindowMs } = this.o.limits;
    if (u.memoryBytes > maxMemoryBytes) return this.limitExceeded('memory', u.memoryBytes, maxMemoryBytes);
    if (u.cpuPercent > cpuLimitPercent) {
      this.cpuOverSince ??= performance.now();
      if (performance.now() - this.cpuOverSince >= cpuLimitWindowMs)
        this.limitExceeded('cpu', u.cpuPercent, cpuLimitPercent);
    } else {
      this.cpuOverSince = undefined;
    }
  }

  /** Marks the agent Failed with `RESOURCE_LIMIT_EXCEEDED` and stops its group. */
  limitExceeded(limit: LimitName, value: number, max: number): void {
    if (this.failure || !isLiveState(this.machine.state)) return;
    const unit = limit === 'cpu' ? '%' : ' bytes';
    const what =
      limit === 'stdin'
        ? `does not read its stdin: ${Math.round(value)} bytes wait unread > ${max} bytes`
        : `exceeded its ${limit} limit: ${Math.round(value)}${unit} > ${max}${unit}`;
    this.fail(
      new ProcessError(
        'RESOURCE_LIMIT_EXCEEDED',
        `Agent "${this.id}" ${what}; it was stopped. Raise limits.${limitField(limit)} or fix the agent.`,
        {
          agentId: this.id,
          data: { limit, value, max },
        },
      ),
      `${limit} limit exceeded`,
    );
    this.o.hub.emit({ type: 'limit-exceeded', id: this.id, at: Date.now(), limit, value, max });
    // Nothing more from it is read or answered: a flood still in its pipe costs nothing.
    this.peer.close(this.failure);
    void this.kill(2_000);
  }

  /** Marks the agent Failed (if it is still live) with `error`. */
  fail(error: ProcessError, reason: string): void {
    if (this.machine.tryTo('failed', reason)) this.failure = error;
  }

  /** SIGTERM to the group, then SIGKILL after `graceMs`; resolves when reaped. */
  kill(graceMs: number): Promise<ExitInfo> {
    this.stopping ??= (async () => {
      if (!this.exit) {
        signalGroup(this.groupPid, 'SIGTERM');
        if (!(await waitFor(this.exited, graceMs))) signalGroup(this.groupPid, 'SIGKILL');
      }
      return this.exited;
    })();
    return this.stopping;
  }

  /** The full termination sequence: shutdown request → close stdin → SIGTERM → grace → SIGKILL → reaped. */
  terminate(graceMs: number, shutdownTimeoutMs: number): Promise<ExitInfo> {
    if (this.stopping) return this.stopping;
    const polite = this.machine.state === 'ready' || this.machine.state === 'idle' || this.machine.state === 'busy';
    this.machine.tryTo('shutting_down', 'terminate requested');
    this.stopping = (async () => {
      if (polite && !this.exit) {
        await waitFor(
          this.peer.request('shutdown', {}, { timeout: shutdownTimeoutMs }).catch(() => undefined),
          shutdownTimeoutMs,
        );
      }
      this.child.stdin?.end();
      if (!this.exit && !(await waitFor(this.exited, Math.min(graceMs, 1_000)))) {
        signalGroup(this.groupPid, 'SIGTERM');
        if (!(await waitFor(this.exited, graceMs))) signalGroup(this.groupPid, 'SIGKILL');
      }
      return this.exited;
    })();
    return this.stopping;
  }

  private onExit(code: number | null, signal: string | null): ExitInfo {
    // Behind a PID-namespace init the agent's signal death arrives as exit code 128+n.
    if (this.o.wrapped.depth > 0 && code !== null && code > 128 && code < 160 && signal === null) {
      const name = signalName(code - 128);
      if (name) signal = name;
    }
    // Nothing of the tree may outlive the agent: the group, then stragglers that left it.
    signalGroup(this.groupPid, 'SIGKILL');
    if (this.o.wrapped.isolation.pidNamespace === 'none') for (const p of this.lastTreePids) signalPid(p, 'SIGKILL');
    this.unregisterExitKill();
    this.peer.close();
    const cg = this.o.cgroup;
    if (cg?.oomKilled() && !this.failure) {
      const max = cg.memoryMaxBytes ?? this.o.limits.maxMemoryBytes;
      this.limitExceeded('memory', cg.maxUsageBytes() ?? max, max);
    }
    const reason = this.failure?.message ?? (this.machine.state === 'shutting_down' ? 'terminated' : undefined);
    const info: ExitInfo = { exitCode: signal ? null : code, signal, ...(reason ? { reason } : {}) };
    this.exit = info;
    if (!this.machine.tryTo('terminated', 'exited after shutdown')) {
      this.fail(
        new ProcessError(
          'AGENT_CRASHED',
          `Agent "${this.id}" exited unexpectedly (${signal ?? `code ${code}`}). Last stderr:\n${this.logs.tail(1024)}`,
          {
            agentId: this.id,
            exitCode: info.exitCode,
            signal,
            stderrTail: this.logs.tail(),
          },
        ),
        `exited (${signal ?? `code ${code}`})`,
      );
    }
    this.o.hub.emit({ type: 'exit', id: this.id, at: Date.now(), exitCode: info.exitCode, signal });
    setTimeout(() => cg?.remove(), 100).unref();
    this.o.onGone(this);
    return info;
  }

  /** A snapshot for `get`/`list`. */
  info(): AgentInfo {
    return {
      id: this.id,
      name: this.o.name,
      type: this.o.type,
      pid: this.agentPid,
      groupPid: this.groupPid,
      state: this.machine.state,
      cwd: this.o.cwd,
      capabilities: [...this.capabilities],
      isolation: this.o.wrapped.isolation,
      resources: { ...this.resources },
      limits: { ...this.o.limits },
      outputBytes: this.outputBytes,
      badFrames: this.badFrames,
      startedAt: this.startedAt,
      ...(this.readyAt === undefined ? {} : { readyAt: this.readyAt }),
      ...(this.lastHeartbeatAt === undefined ? {} : { lastHeartbeatAt: this.lastHeartbeatAt }),
      ...(this.exit ? { exit: this.exit } : {}),
      ...(this.failure ? { failure: this.failure } : {}),
    };
  }
}

const LIMIT_FIELDS: Record<LimitName, string> = {
  memory: 'maxMemoryBytes',
  cpu: 'cpuLimitPercent',
  output: 'maxOutputSizeBytes',
  stdin: 'maxStdinBacklogBytes',
};

function limitField(limit: LimitName): string {
  return LIMIT_FIELDS[limit];
}
