import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/server/backoff.js';

describe('backoffDelay', () => {
  it('doubles from the base and caps at the maximum', () => {
    const o = { base: 100, max: 1000, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, o))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('spreads delays within the jitter band', () => {
    expect(backoffDelay(1, { base: 1000, max: 10_000, jitter: 0.2, random: () => 0 })).toBe(800);
    expect(backoffDelay(1, { base: 1000, max: 10_000, jitter: 0.2, random: () => 0.999999 })).toBe(1200);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(2, { base: 1000, max: 10_000 })));
    expect(spread.size).toBeGreaterThan(1);
    for (const d of spread) {
      expect(d).toBeGreaterThanOrEqual(1600);
      expect(d).toBeLessThanOrEqual(2400);
    }
  });
});
