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
  /** Called after every sample. */
  onSample(usage: ResourceUsage, pids: readonly number[]): void;
}

interface Entry {
  tree: TrackedTree;
  usage: ResourceUsage;
  lastCpu: Map<number, number>;
  lastAt: number;
}

/** Samples every tracked tree with one scan of the process table per tick. */
export class ResourceSampler {
  private readonly entries = new Set<Entry>();
  private timer: NodeJS.Timeout | undefined;
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
    };
    this.entries.add(entry);
    if (!this.timer) {
      this.timer = setInterval(() => void this.tick(), this.intervalMs);
      this.timer.unref();
    }
    return () => {
      this.entries.delete(entry);
      if (this.entries.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  /** Takes one sample now (also used right after spawn to resolve wrapper pids). */
  async snapshot(): Promise<ProcSnapshot> {
    const at = performance.now();
    return this.useProc ? scanProc(at) : scanPs(at);
  }

  /**
   * One sampling round for every tracked tree: trees with a cgroup read their own `cgroup.procs` and their members'
   * `/proc/<pid>/stat` (a few reads each); the others share one scan of the whole process table.
   */
  async tick(): Promise<void> {
    if (this.running || this.entries.size === 0) return;
    this.running = true;
    try {
      const scanned: Entry[] = [];
      const at = performance.now();
      for (const e of this.entries) {
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
    return samples;
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
    u.cpuTimeMs += cpuDelta;
    u.cpuPercent = elapsed > 0 ? (cpuDelta / elapsed) * 100 : 0;
    u.memoryBytes = memory;
    u.peakMemoryBytes = Math.max(u.peakMemoryBytes, memory);
    u.processCount = pids.length;
    e.tree.onSample({ ...u }, pids);
  }
}
