import { procAvailable, scanProc } from './proc-scan.js';
import { scanPs } from './ps-scan.js';
import { treePids, type ProcSnapshot } from './snapshot.js';

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

  /** One sampling round for every tracked tree. */
  async tick(): Promise<void> {
    if (this.running || this.entries.size === 0) return;
    this.running = true;
    try {
      const snap = await this.snapshot();
      for (const e of this.entries) this.update(e, snap);
    } finally {
      this.running = false;
    }
  }

  private update(e: Entry, snap: ProcSnapshot): void {
    const pids = treePids(snap, e.tree.rootPid, e.tree.pgid).filter((p) => !e.tree.excludePids.has(p));
    let memory = 0;
    let cpuDelta = 0;
    const nextCpu = new Map<number, number>();
    for (const pid of pids) {
      const s = snap.byPid.get(pid)!;
      memory += s.rssBytes;
      cpuDelta += Math.max(0, s.cpuTimeMs - (e.lastCpu.get(pid) ?? 0));
      nextCpu.set(pid, s.cpuTimeMs);
    }
    const elapsed = snap.at - e.lastAt;
    e.lastCpu = nextCpu;
    e.lastAt = snap.at;
    const u = e.usage;
    u.cpuTimeMs += cpuDelta;
    u.cpuPercent = elapsed > 0 ? (cpuDelta / elapsed) * 100 : 0;
    u.memoryBytes = memory;
    u.peakMemoryBytes = Math.max(u.peakMemoryBytes, memory);
    u.processCount = pids.length;
    e.tree.onSample({ ...u }, pids);
  }
}
