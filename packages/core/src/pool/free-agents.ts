import type { AgentRecord } from '../runtime/agent-record.js';
import { covers, needKey } from './agent-type.js';
import type { PoolHost } from './pool-host.js';

/** One free agent in its group's heap, ranked by the values read when it was last placed. */
interface Entry {
  record: AgentRecord;
  /** The capabilities array it was grouped by (the host's own array: a new one means look again). */
  capabilities: readonly string[];
  group: Group;
  slots: number;
  /** Tasks it has run (completed + failed). */
  run: number;
  /** When it (re-)entered the index: the longest free first among equals. */
  seq: number;
  /** Its place in the group's heap; -1 while it is busy (kept to find its group again without a lookup). */
  index: number;
}

/** Free agents of one type with the same capabilities, as a binary heap: the best at index 0. */
interface Group {
  type: string;
  capabilities: readonly string[];
  heap: Entry[];
}

// Most free slots, then fewest tasks run, then free the longest.
function better(a: Entry, b: Entry): boolean {
  if (a.slots !== b.slots) return a.slots > b.slots;
  if (a.run !== b.run) return a.run < b.run;
  return a.seq < b.seq;
}

/**
 * The free agents, indexed so that a pick costs O(groups + log agents), not O(agents): one heap per agent type and
 * capability set, best first (most free slots, then fewest tasks run, then the one free the longest). After a
 * lifecycle change ({@link invalidate}) the next pick re-reads every agent; otherwise only agents {@link offer}ed
 * (a task ended or started, the agent went Ready/Idle). Slots taken behind the pool's back (a direct `executeTask`)
 * only make an indexed agent worse than its rank says, so the heap's top is re-read before it is returned and
 * re-ranked when it changed.
 * Why not a library heap: picking needs a keyed heap whose entries are re-ranked and removed in O(log n).
 */
export class FreeAgents {
  private readonly groups = new Map<string, Group>();
  // Every agent seen since the last full read, free (in a heap) or busy (index -1).
  private readonly entries = new Map<AgentRecord, Entry>();
  private free = 0;
  // Groups covering a set of required capabilities (key: the set, see needKey); rebuilt when a group is added.
  private readonly covering = new Map<string, Group[]>();
  private stale = true;
  private seq = 0;

  constructor(private readonly host: Pick<PoolHost, 'records' | 'isFree' | 'freeSlots' | 'capabilitiesOf'>) {}

  /** Something may have freed or changed any agent (spawned, restarted, type registered): the next pick reads all. */
  invalidate(): void {
    this.stale = true;
  }

  /** `record` may have become free or changed its free slots (a task ended or started, it went Ready/Idle). */
  offer(record: AgentRecord): void {
    if (!this.stale) this.place(record);
  }

  /** Agents in the index (some may have been found busy since); reads every agent after {@link invalidate}. */
  get size(): number {
    this.sync();
    return this.free;
  }

  /**
   * The free agent covering `need` with the most free slots, then the fewest tasks run, among the types `usable`
   * accepts (called once per group of agents, not per agent); `undefined` when there is none.
   */
  best(need: readonly string[], usable: (type: string) => boolean): AgentRecord | undefined {
    this.sync();
    let best: Entry | undefined;
    for (const group of this.coveringGroups(need)) {
      if (group.heap.length === 0 || !usable(group.type)) continue;
      const top = this.top(group);
      if (top && (!best || better(top, best))) best = top;
    }
    return best?.record;
  }

  private sync(): void {
    if (!this.stale) return;
    this.stale = false;
    this.groups.clear();
    this.entries.clear();
    this.covering.clear();
    this.free = 0;
    for (const r of this.host.records()) this.place(r);
  }

  // The group's best entry after re-reading it (and the next ones while the top had changed).
  private top(group: Group): Entry | undefined {
    for (;;) {
      const e = group.heap[0];
      if (!e || this.place(e.record) === e) return e;
    }
  }

  /** Re-reads an agent and puts it where it belongs; returns its entry if it was already right, else undefined. */
  private place(record: AgentRecord): Entry | undefined {
    let entry = this.entries.get(record);
    if (!this.host.isFree(record)) {
      if (entry && entry.index >= 0) this.remove(entry);
      return undefined;
    }
    const capabilities = this.host.capabilitiesOf(record);
    const slots = this.host.freeSlots(record);
    const run = record.tasksCompleted + record.tasksFailed;
    if (entry && (entry.capabilities !== capabilities || entry.group.type !== record.type)) {
      if (entry.index >= 0) this.remove(entry);
      entry = undefined;
    }
    if (entry && entry.index >= 0) {
      if (entry.slots === slots && entry.run === run) return entry;
      entry.slots = slots;
      entry.run = run;
      this.fix(entry.group, entry.index);
      return undefined;
    }
    if (entry) {
      entry.slots = slots;
      entry.run = run;
      entry.seq = this.seq++;
    } else {
      const group = this.groupOf(record.type, capabilities);
      entry = { record, capabilities, group, slots, run, seq: this.seq++, index: -1 };
      this.entries.set(record, entry);
    }
    entry.index = entry.group.heap.length;
    entry.group.heap.push(entry);
    this.free++;
    this.up(entry.group, entry.index);
    return undefined;
  }

  private groupOf(type: string, capabilities: readonly string[]): Group {
    const key = JSON.stringify([type, [...capabilities].sort()]);
    let group = this.groups.get(key);
    if (!group) {
      group = { type, capabilities: [...capabilities], heap: [] };
      this.groups.set(key, group);
      this.covering.clear();
    }
    return group;
  }

  private coveringGroups(need: readonly string[]): Group[] {
    const key = needKey(need);
    let groups = this.covering.get(key);
    if (!groups) {
      groups = [...this.groups.values()].filter((g) => covers(g.capabilities, need));
      this.covering.set(key, groups);
    }
    return groups;
  }

  // Out of its heap; the entry stays (index -1) to find its group again when the agent is free again.
  private remove(entry: Entry): void {
    const heap = entry.group.heap;
    const at = entry.index;
    entry.index = -1;
    this.free--;
    const last = heap.pop()!;
    if (last === entry) return;
    heap[at] = last;
    last.index = at;
    this.fix(entry.group, at);
  }

  private fix(group: Group, i: number): void {
    this.up(group, i);
    this.down(group, i);
  }

  private up(group: Group, i: number): void {
    const heap = group.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!better(heap[i]!, heap[parent]!)) return;
      this.swap(heap, i, parent);
      i = parent;
    }
  }

  private down(group: Group, i: number): void {
    const heap = group.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < heap.length && better(heap[l]!, heap[best]!)) best = l;
      if (r < heap.length && better(heap[r]!, heap[best]!)) best = r;
      if (best === i) return;
      this.swap(heap, i, best);
      i = best;
    }
  }

  private swap(heap: Entry[], a: number, b: number): void {
    const t = heap[a]!;
    heap[a] = heap[b]!;
    heap[b] = t;
    heap[a].index = a;
    heap[b].index = b;
  }
}
