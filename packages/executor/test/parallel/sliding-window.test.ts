import { describe, expect, it } from 'vitest';
import { runSlidingWindow } from '../../src/parallel/sliding-window.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('runSlidingWindow', () => {
  it('returns settled results in input order', async () => {
    const out = await runSlidingWindow(
      [30, 5, 15],
      async (ms, i) => {
        await sleep(ms);
        if (i === 1) throw new Error('boom');
        return ms;
      },
      { maxParallel: 3 },
    );
    expect(out[0]).toEqual({ status: 'fulfilled', value: 30 });
    expect(out[1]?.status).toBe('rejected');
    expect(out[2]).toEqual({ status: 'fulfilled', value: 15 });
  });
  it('never exceeds maxParallel and reaches it', async () => {
    let running = 0;
    let high = 0;
    await runSlidingWindow(
      Array.from({ length: 12 }, (_, i) => i),
      async (i) => {
        running += 1;
        high = Math.max(high, running);
        await sleep(1 + (i % 3) * 3);
        running -= 1;
      },
      { maxParallel: 3 },
    );
    expect(high).toBe(3);
  });
  it('starts a new item as soon as any finishes (sliding, not batched)', async () => {
    const started: number[] = [];
    const gates = [0, 1, 2].map(() => deferred());
    const run = runSlidingWindow(
      [0, 1, 2],
      async (i) => {
        started.push(i);
        await gates[i]!.promise;
      },
      { maxParallel: 2 },
    );
    await sleep(5);
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await sleep(5);
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    await run;
  });
  it('never runs two items with the same key at once, and skips ahead to a free key', async () => {
    const active = new Set<string>();
    const order: string[] = [];
    let clash = false;
    const items = [
      { k: 'a', ms: 20 },
      { k: 'a', ms: 1 },
      { k: 'b', ms: 1 },
      { k: 'a', ms: 1 },
    ];
    await runSlidingWindow(
      items,
      async (it, i) => {
        if (active.has(it.k)) clash = true;
        active.add(it.k);
        order.push(`${it.k}${i}`);
        await sleep(it.ms);
        active.delete(it.k);
      },
      { maxParallel: 4, keyOf: (it) => it.k },
    );
    expect(clash).toBe(false);
    expect(order.slice(0, 2)).toEqual(['a0', 'b2']);
  });
  it('settles a synchronous throw as a rejection', async () => {
    const out = await runSlidingWindow(
      [1],
      () => {
        throw new Error('sync');
      },
      { maxParallel: 1 },
    );
    expect(out[0]?.status).toBe('rejected');
  });
  it('resolves at once for no items', async () => {
    expect(await runSlidingWindow([], async () => 1, { maxParallel: 2 })).toEqual([]);
  });
});
