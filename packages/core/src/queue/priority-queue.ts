interface Entry<T> {
  item: T;
  priority: number;
  seq: number;
}

/**
 * A binary max-heap on priority, first-in first-out among equal priorities. O(log n) push and pop,
 * O(n) removal of an arbitrary item (used only for cancellation).
 */
export class PriorityQueue<T> {
  private heap: Array<Entry<T>> = [];
  private seq = 0;

  /** Items queued. */
  get size(): number {
    return this.heap.length;
  }

  /** Queues `item`; higher `priority` comes out first. */
  push(item: T, priority: number): void {
    this.heap.push({ item, priority, seq: this.seq++ });
    this.up(this.heap.length - 1);
  }

  /** The item that {@link pop} would return, without removing it. */
  peek(): T | undefined {
    return this.heap[0]?.item;
  }

  /** Removes and returns the highest-priority (then oldest) item. */
  pop(): T | undefined {
    const top = this.heap[0];
    if (!top) return undefined;
    this.removeAt(0);
    return top.item;
  }

  /** Removes and returns the best item that `accept` takes, leaving the others queued in order. */
  popWhere(accept: (item: T) => boolean): T | undefined {
    let best = -1;
    for (let i = 0; i < this.heap.length; i++) {
      if (accept(this.heap[i]!.item) && (best < 0 || this.before(i, best))) best = i;
    }
    if (best < 0) return undefined;
    const { item } = this.heap[best]!;
    this.removeAt(best);
    return item;
  }

  /** Removes `item`; returns whether it was queued. */
  remove(item: T): boolean {
    const i = this.heap.findIndex((e) => e.item === item);
    if (i < 0) return false;
    this.removeAt(i);
    return true;
  }

  /** Removes and returns every item, best first. */
  drain(): T[] {
    const out: T[] = [];
    while (this.heap.length > 0) out.push(this.pop()!);
    return out;
  }

  /** Items in no particular order. */
  values(): T[] {
    return this.heap.map((e) => e.item);
  }

  private removeAt(i: number): void {
    const last = this.heap.pop()!;
    if (i === this.heap.length) return;
    this.heap[i] = last;
    this.up(i);
    this.down(i);
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.priority > y.priority || (x.priority === y.priority && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const t = this.heap[a]!;
    this.heap[a] = this.heap[b]!;
    this.heap[b] = t;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < this.heap.length && this.before(l, best)) best = l;
      if (r < this.heap.length && this.before(r, best)) best = r;
      if (best === i) return;
      this.swap(i, best);
      i = best;
    }
  }
}
