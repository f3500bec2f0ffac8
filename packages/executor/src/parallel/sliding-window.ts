/** Options of {@link runSlidingWindow}. */
export interface SlidingWindowOptions<T> {
  /** Most items running at once (>= 1). */
  maxParallel: number;
  /** Items with the same key never run at the same time (e.g. the agent id). Default: no exclusivity. */
  keyOf?: (item: T) => string;
}

/**
 * Runs `run` over `items` with at most `maxParallel` in flight; a new item starts as soon as any finishes
 * (the first waiting item whose key is free). Resolves with one settled result per item, in input order.
 */
export function runSlidingWindow<T, R>(
  items: readonly T[],
  run: (item: T, index: number) => Promise<R>,
  opts: SlidingWindowOptions<T>,
): Promise<PromiseSettledResult<R>[]> {
  const results = new Array<PromiseSettledResult<R>>(items.length);
  const waiting = items.map((_, i) => i);
  const busyKeys = new Set<string>();
  let running = 0;
  let settled = 0;

  return new Promise((resolve) => {
    if (items.length === 0) return resolve(results);
    const pump = (): void => {
      for (let w = 0; w < waiting.length && running < opts.maxParallel; ) {
        const index = waiting[w]!;
        const item = items[index]!;
        const key = opts.keyOf?.(item);
        if (key !== undefined && busyKeys.has(key)) {
          w += 1;
          continue;
        }
        waiting.splice(w, 1);
        if (key !== undefined) busyKeys.add(key);
        running += 1;
        const finish = (r: PromiseSettledResult<R>): void => {
          results[index] = r;
          running -= 1;
          settled += 1;
          if (key !== undefined) busyKeys.delete(key);
          if (settled === items.length) resolve(results);
          else pump();
        };
        // A synchronous throw in `run` settles the item like a rejection.
        Promise.resolve()
          .then(() => run(item, index))
          .then(
            (value) => finish({ status: 'fulfilled', value }),
            (reason: unknown) => finish({ status: 'rejected', reason }),
          );
      }
    };
    pump();
  });
}
