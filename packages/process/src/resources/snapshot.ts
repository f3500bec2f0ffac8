/** One process as seen by a scan. */
export interface ProcSample {
  pid: number;
  ppid: number;
  /** Process group id. */
  pgid: number;
  /** Resident set size, bytes. */
  rssBytes: number;
  /** User + system CPU time, ms. */
  cpuTimeMs: number;
}

/** Every process on the machine at one moment, indexed for tree walks. */
export interface ProcSnapshot {
  /** When the snapshot was taken (monotonic ms, `performance.now()`). */
  at: number;
  byPid: Map<number, ProcSample>;
  children: Map<number, number[]>;
  byGroup: Map<number, number[]>;
}

/** Indexes a list of samples. */
export function indexSamples(at: number, samples: Iterable<ProcSample>): ProcSnapshot {
  const byPid = new Map<number, ProcSample>();
  const children = new Map<number, number[]>();
  const byGroup = new Map<number, number[]>();
  for (const s of samples) {
    byPid.set(s.pid, s);
    push(children, s.ppid, s.pid);
    push(byGroup, s.pgid, s.pid);
  }
  return { at, byPid, children, byGroup };
}

function push(m: Map<number, number[]>, k: number, v: number): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/**
 * The pids of a tree: `root` and its descendants, plus every member of `pgid` (and its descendants) — a
 * grandchild orphaned out of the tree but still in the agent's group is still the agent's.
 */
export function treePids(snap: ProcSnapshot, root: number, pgid?: number): number[] {
  const seen = new Set<number>();
  const stack: number[] = [];
  if (snap.byPid.has(root)) stack.push(root);
  if (pgid !== undefined) for (const p of snap.byGroup.get(pgid) ?? []) stack.push(p);
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    for (const c of snap.children.get(pid) ?? []) stack.push(c);
  }
  return [...seen];
}
