import { describe, expect, it } from 'vitest';
import { findNearDuplicates } from '../../src/store/near-duplicates.js';

function jaccard(a: Set<string>, b: Set<string>): number {
  const shared = [...a].filter((t) => b.has(t)).length;
  return shared / (a.size + b.size - shared);
}

describe('findNearDuplicates', () => {
  it('finds every pair at or above the threshold that brute force finds', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const vocab = Array.from({ length: 30 }, (_, i) => `w${i}`);
    const base = Array.from({ length: 40 }, () => new Set(vocab.filter(() => rnd() < 0.3)));
    const sets = base.flatMap((s) => [
      s,
      new Set([...s].filter(() => rnd() < 0.9)),
      new Set([...s, vocab[Math.floor(rnd() * 30)]!]),
    ]);
    for (const threshold of [0.5, 0.7, 0.8, 0.9]) {
      const preference = sets.map((_, i) => i);
      const groups = findNearDuplicates(sets, preference, threshold);
      // Every absorbed set is similar enough to its survivor, and no two survivors are similar.
      for (const g of groups)
        for (const a of g.absorbed)
          expect(jaccard(sets[g.survivor]!, sets[a.index]!)).toBeGreaterThanOrEqual(threshold);
      const absorbed = new Set(groups.flatMap((g) => g.absorbed.map((a) => a.index)));
      const kept = preference.filter((i) => !absorbed.has(i) && sets[i]!.size > 0);
      for (const x of kept)
        for (const y of kept) if (x < y) expect(jaccard(sets[x]!, sets[y]!)).toBeLessThan(threshold);
    }
  });

  it('lets the preferred memory survive', () => {
    const sets = [new Set(['a', 'b', 'c']), new Set(['a', 'b', 'c'])];
    expect(findNearDuplicates(sets, [1, 0], 0.9)).toEqual([{ survivor: 1, absorbed: [{ index: 0, similarity: 1 }] }]);
  });
});
