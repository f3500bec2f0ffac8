/** Options of {@link runSlidingWindow}. */
export interface SlidingWindowOptions<T> {
  /** Most items running at once (>= 1). */
  maxParallel: number;
  /** Items with the same key never run more than `keyLimit(key)` at once (e.g. the agent id). Default: no limit. */
  keyOf?: (item: T) => string;
  /** Most items of one key running at once, read once per key (>= 1). Default `1`. */
  keyLimit?: (key: string) => number;
}

/** Indices waiting for one key, first in first out. */
interface KeyQueue {
  items: number[];
  head: number;
  running: number;
  limit: number;
}

/**
 * Runs `run` over `items` with at most `maxParallel` in flight; a new item starts as soon as any finishes
 * (the earliest waiting item whose key is free). Resolves with one settled result per item, in input order.
 * Picking the next item costs O(number of distinct keys), not O(items).
 */
export function runSlidingWindow<T, R>(
  items: readonly T[],
  run: (item: T, index: number) => Promise<R>,
  opts: SlidingWindowOptions<T>,
): Promise<PromiseSettledResult<R>[]> {
  const results = new Array<PromiseSettledResult<R>>(items.length);
  const unkeyed: KeyQueue = { items: [], head: 0, running: 0, limit: Infinity };
  const queues = new Map<string, KeyQueue>();
  items.forEach((item, index) => {
    const key = opts.keyOf?.(item);
    if (key === undefined) return void unkeyed.items.push(index);
    let q = queues.get(key);
    if (!q) {
      const limit = opts.keyLimit?.(key) ?? 1;
      queues.set(key, (q = { items: [], head: 0, running: 0, limit: limit >= 1 ? limit : 1 }));
    }
    q.items.push(index);
  });
  let running = 0;
  let settled = 0;

  // The free queue whose head came first in the input, if any.
  const next = (): KeyQueue | undefined => {
    let best = unkeyed.head < unkeyed.items.length ? unkeyed : undefined;
    for (const q of queues.values()) {
      if (q.running >= q.limit || q.head >= q.items.length) continue;
      if (!best || q.items[q.head]! < best.items[best.head]!) best = q;
    }
    return best;
  };

  return new Promise((resolve) => {
    if (items.length === 0) return resolve(results);
    const pump = (): void => {
      for (let q = next(); q && running < opts.maxParallel; q = next()) {
        const index = q.items[q.head++]!;
        const queue = q;
        queue.running += 1;
        running += 1;
        const finish = (r: PromiseSettledResult<R>): void => {
          results[index] = r;
          running -= 1;
          settled += 1;
          queue.running -= 1;
          if (settled === items.length) resolve(results);
          else pump();
        };
        // A synchronous throw in `run` settles the item like a rejection.
        Promise.resolve()
          .then(() => run(items[index]!, index))
          .then(
            (value) => finish({ status: 'fulfilled', value }),
            (reason: unknown) => finish({ status: 'rejected', reason }),
          );
      }
    };
    pump();
  });
}
