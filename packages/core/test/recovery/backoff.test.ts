import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/recovery/backoff.js';
import { Breaker } from '../../src/recovery/breaker.js';
import { shouldRetry } from '../../src/recovery/retry-policy.js';

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

describe('Breaker', () => {
  it('opens after the threshold of consecutive failures, then lets one trial through after the cooldown', () => {
    let now = 0;
    const b = new Breaker({ failureThreshold: 3, cooldown: 1000, now: () => now });
    expect(b.recordFailure()).toBe(false);
    b.recordSuccess();
    b.recordFailure();
    b.recordFailure();
    expect(b.state).toBe('closed');
    expect(b.recordFailure()).toBe(true);
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    expect(b.retryInMs).toBe(1000);
    now = 1000;
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    expect(b.recordFailure()).toBe(true);
    expect(b.state).toBe('open');
    now = 2000;
    expect(b.tryAcquire()).toBe(true);
    expect(b.recordSuccess()).toBe(true);
    expect(b.state).toBe('closed');
    expect(b.consecutiveFailures).toBe(0);
  });
});

describe('shouldRetry', () => {
  it('retries listed codes until the attempts are used up', () => {
    const p = { maxAttempts: 3, retryOn: ['AGENT_CRASHED', 'TIMEOUT'] };
    expect(shouldRetry(p, 'AGENT_CRASHED', 1)).toBe(true);
    expect(shouldRetry(p, 'TIMEOUT', 2)).toBe(true);
    expect(shouldRetry(p, 'TIMEOUT', 3)).toBe(false);
    expect(shouldRetry(p, 'TOOL_NOT_ALLOWED', 1)).toBe(false);
  });
});
