import { PriorityQueue } from '../queue/priority-queue.js';
import { needKey } from './agent-type.js';
import type { QueuedTask } from './queued-task.js';

interface Ranked {
  entry: QueuedTask;
  priority: number;
  /** Arrival order across every capability set. */
  seq: number;
}

interface Part {
  key: string;
  queue: PriorityQueue<Ranked>;
}

// Higher priority first, then the older.
function before(a: Ranked, b: Ranked): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);
}

/**
 * The pool's queue of waiting tasks: a priority queue (first-in first-out among equal priorities) per set of
 * required capabilities. Whether an agent can take a task depends only on that set, so the best task any free agent
 * covers is the best of the sets' heads that some free agent covers: finding it costs one look per set, not one per
 * queued task.
 */
export class TaskQueue {
  private readonly parts = new Map<string, Part>();
  private readonly where = new Map<QueuedTask, { part: Part; ranked: Ranked }>();
  private seq = 0;

  /** Tasks queued. */
  get size(): number {
    return this.where.size;
  }

  /** Queues `entry`; higher `priority` comes out first. */
  push(entry: QueuedTask, priority: number): void {
    const key = needKey(entry.task.requiredCapabilities);
    let part = this.parts.get(key);
    if (!part) {
      part = { key, queue: new PriorityQueue<Ranked>() };
      this.parts.set(key, part);
    }
    const ranked = { entry, priority, seq: this.seq++ };
    part.queue.push(ranked, priority);
    this.where.set(entry, { part, ranked });
  }

  /** Removes `entry`; returns whether it was queued. O(1) for a head, O(tasks of its set) otherwise. */
  remove(entry: QueuedTask): boolean {
    const at = this.where.get(entry);
    if (!at) return false;
    this.where.delete(entry);
    at.part.queue.remove(at.ranked);
    if (at.part.queue.size === 0) this.parts.delete(at.part.key);
    return true;
  }

  /** The first task of each capability set, best first (one task per distinct set). */
  heads(): QueuedTask[] {
    const heads: Ranked[] = [];
    for (const part of this.parts.values()) heads.push(part.queue.peek()!);
    if (heads.length > 1) heads.sort((a, b) => (before(a, b) ? -1 : 1));
    return heads.map((r) => r.entry);
  }

  /** The best queued task for which `serve` returns something, with that value; the task stays queued. */
  first<T>(serve: (entry: QueuedTask) => T | undefined): { entry: QueuedTask; value: T } | undefined {
    if (this.parts.size === 1) {
      // The usual case (every task needs the same capabilities): no list of heads to build.
      const entry = this.parts.values().next().value!.queue.peek()!.entry;
      const value = serve(entry);
      return value === undefined ? undefined : { entry, value };
    }
    for (const entry of this.heads()) {
      const value = serve(entry);
      if (value !== undefined) return { entry, value };
    }
    return undefined;
  }

  /** Removes and returns every task, best first. */
  drain(): QueuedTask[] {
    const all = [...this.where.values()].map((w) => w.ranked).sort((a, b) => (before(a, b) ? -1 : 1));
    this.parts.clear();
    this.where.clear();
    return all.map((r) => r.entry);
  }

  /** Every queued task, in no particular order. */
  values(): QueuedTask[] {
    return [...this.where.keys()];
  }
}
