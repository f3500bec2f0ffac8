import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/server/backoff.js';

describe('backoffDelay', () => {
  it('doubles per attempt within ±50 % jitter and is capped', () => {
    expect(backoffDelay(1, 100, 5000, () => 0.5)).toBe(100);
    expect(backoffDelay(3, 100, 5000, () => 0.5)).toBe(400);
    expect(backoffDelay(3, 100, 5000, () => 0)).toBe(200);
    expect(backoffDelay(3, 100, 5000, () => 0.999)).toBe(600);
    expect(backoffDelay(20, 100, 5000, () => 0.5)).toBe(5000);
  });
});
