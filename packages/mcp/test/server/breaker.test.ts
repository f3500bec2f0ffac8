import { describe, expect, it } from 'vitest';
import { Breaker } from '../../src/server/breaker.js';

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

describe('Breaker.open', () => {
  it('opens at once whatever the count, and a breaker with an infinite cooldown stays open', () => {
    let now = 0;
    const b = new Breaker({ failureThreshold: 5, cooldown: Infinity, now: () => now });
    expect(b.open()).toBe(true);
    expect(b.open()).toBe(false);
    now = 1e12;
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
  });
});
