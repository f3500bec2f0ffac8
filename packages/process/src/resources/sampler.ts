import { nextSampleDelay, type PaceLimits } from './pace.js';
import { procAvailable, readCgroupPids, readProc, scanProc } from './proc-scan.js';
import { scanPs } from './ps-scan.js';
import { treePids, type ProcSample, type ProcSnapshot } from './snapshot.js';

/** Resource usage of one agent's process tree. */
export interface ResourceUsage {
  /** CPU over the last interval, percent of one core (may exceed 100 on several cores). */
  cpuPercent: number;
  /** Resident memory of the whole tree now, bytes. */
  memoryBytes: number;
  /** Highest `memoryBytes` seen, bytes. */
  peakMemoryBytes: number;
  /** CPU time consumed by the tree since tracking began (processes that exited included), ms. */
  cpuTimeMs: number;
  /** Processes in the tree now. */
  processCount: number;
}

/** What the sampler follows for one agent. */
export interface TrackedTree {
  /** Root of the tree (the spawned process). */
  rootPid: number;
  /** Process group of the tree. */
  pgid: number;
  /** Wrapper processes (isolation helpers) whose own usage is not the agent's. */
  excludePids: ReadonlySet<number>;
  /**
   * The `cgroup.procs` file of the agent's own cgroup, when it has one: it lists every process of the tree (orphans
   * and `setsid` escapees included), so the sampler reads it and those processes only instead of scanning /proc.
   */
  procsFile?: string | null;
  /**
   * The limits the tree is sampled against: with them the sampling is adaptive (see {@link nextSampleDelay});
   * without, every `intervalMs`.
   */
  limits?: PaceLimits;
  /** True while the tree's CPU is over its limit (samples come fast until it is not). */
  cpuOver?(): boolean;
  /** Called after every sample. */
  onSample(usage: ResourceUsage, pids: readonly number[]): void;
}

interface Entry {
  tree: TrackedTree;
  usage: ResourceUsage;
  lastCpu: Map<number, number>;
  lastAt: number;
  /** When the tree is next sampled (monotonic ms). */
  dueAt: number;
}

// A tick also takes trees due this little later (ms), so that timers firing a bit early do not cost a tick more.
const TOLERANCE_MS = 5;

/**
 * Samples every tracked tree on one timer: each tick takes the trees that are due and reads them with one scan of
 * the process table (trees with a cgroup read their own `cgroup.procs` instead). Due times sit on a grid of the
 * base interval (of the fast interval for trees near a limit), so trees tracked at different moments share ticks.
 */
export class ResourceSampler {
  private readonly entries = new Set<Entry>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private running = false;
  private readonly useProc = procAvailable();

  constructor(private readonly intervalMs: number) {}

  /** Starts following a tree; returns a function that stops following it. */
  track(tree: TrackedTree): () => void {
    const entry: Entry = {
      tree,
      usage: { cpuPercent: 0, memoryBytes: 0, peakMemoryBytes: 0, cpuTimeMs: 0, processCount: 0 },
      lastCpu: new Map(),
      lastAt: performance.now(),
      dueAt: this.gridTime(performance.now() + this.intervalMs, this.intervalMs),
    };
    this.entries.add(entry);
    this.schedule();
    return () => {
      this.entries.delete(entry);
      if (this.entries.size === 0) this.clearTimer();
    };
  }

  // The grid point nearest to `t`; the grid is the delay itself, at most the base interval.
  private gridTime(t: number, delay: number): number {
    const grain = Math.min(delay, this.intervalMs);
    return Math.round(t / grain) * grain;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  // Arms the one timer for the earliest due tree (unless it already fires by then).
  private schedule(): void {
    if (this.running || this.entries.size === 0) return;
    let next = Infinity;
    for (const e of this.entries) if (e.dueAt < next) next = e.dueAt;
    if (this.timer && this.timerAt <= next) return;
    this.clearTimer();
    this.timerAt = next;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        void this.tick();
      },
      Math.max(0, next - performance.now()),
    );
    this.timer.unref();
  }

  /** Takes one sample now (also used right after spawn to resolve wrapper pids). */
  async snapshot(): Promise<ProcSnapshot> {
    const at = performance.now();
    return this.useProc ? scanProc(at) : scanPs(at);
  }

  /**
   * One sampling round for the trees that are due: trees with a cgroup read their own `cgroup.procs` and their
   * members' `/proc/<pid>/stat` (a few reads each); the others share one scan of the whole process table.
   */
  async tick(): Promise<void> {
    if (this.running || this.entries.size === 0) return;
    this.running = true;
    try {
      const scanned: Entry[] = [];
      const at = performance.now();
      for (const e of this.entries) {
        if (e.dueAt > at + TOLERANCE_MS) continue;
        const samples = this.useProc && e.tree.procsFile ? this.cgroupSamples(e) : undefined;
        if (samples) this.update(e, at, samples);
        else scanned.push(e);
      }
      if (scanned.length === 0) return;
      const snap = await this.snapshot();
      for (const e of scanned) {
        const pids = treePids(snap, e.tree.rootPid, e.tree.pgid);
        this.update(
          e,
          snap.at,
          pids.filter((p) => !e.tree.excludePids.has(p)).map((p) => snap.byPid.get(p)!),
        );
      }
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  // The tree's processes from its cgroup; undefined (scan instead) when the file is unreadable or still empty
  // (the wrapper has not joined yet, the join failed, or the tree is gone: the scan tells which).
  private cgroupSamples(e: Entry): ProcSample[] | undefined {
    const pids = readCgroupPids(e.tree.procsFile!);
    if (pids === undefined || pids.length === 0) return undefined;
    const samples: ProcSample[] = [];
    for (const pid of pids) {
      if (e.tree.excludePids.has(pid)) continue;
      const s = readProc(pid);
      if (s) samples.push(s);
    }
    // Only the isolation wrappers joined so far (the agent is still starting): scan, never report 0 bytes.
    return samples.length > 0 ? samples : undefined;
  }

  private update(e: Entry, at: number, samples: readonly ProcSample[]): void {
    let memory = 0;
    let cpuDelta = 0;
    const nextCpu = new Map<number, number>();
    const pids: number[] = new Array(samples.length);
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i]!;
      pids[i] = s.pid;
      memory += s.rssBytes;
      cpuDelta += Math.max(0, s.cpuTimeMs - (e.lastCpu.get(s.pid) ?? 0));
      nextCpu.set(s.pid, s.cpuTimeMs);
    }
    const elapsed = at - e.lastAt;
    e.lastCpu = nextCpu;
    e.lastAt = at;
    const u = e.usage;
    const previousMemoryBytes = u.processCount > 0 ? u.memoryBytes : memory;
    u.cpuTimeMs += cpuDelta;
    u.cpuPercent = elapsed > 0 ? (cpuDelta / elapsed) * 100 : 0;
    u.memoryBytes = memory;
    u.peakMemoryBytes = Math.max(u.peakMemoryBytes, memory);
    u.processCount = pids.length;
    e.tree.onSample({ ...u }, pids);
    const { limits } = e.tree;
    const delay = limits
      ? nextSampleDelay(
          this.intervalMs,
          {
            memoryBytes: memory,
            previousMemoryBytes,
            elapsedMs: elapsed,
            cpuPercent: u.cpuPercent,
            cpuOver: e.tree.cpuOver?.() ?? false,
          },
          limits,
        )
      : this.intervalMs;
    e.dueAt = this.gridTime(at + delay, delay);
  }
}
