import { describe, expect, it } from 'vitest';
import { Slots } from '../../src/server/slots.js';

describe('Slots', () => {
  it('hands out free slots at once, and none past the limit', () => {
    const slots = new Slots(2);
    const a = slots.tryAcquire();
    const b = slots.tryAcquire();
    expect(a).toBeTypeOf('function');
    expect(b).toBeTypeOf('function');
    expect(slots.tryAcquire()).toBeUndefined();
    a!();
    a!(); // a release is counted once
    expect(slots.inUse).toBe(1);
  });

  it('does not let tryAcquire jump the queue of waiting callers', async () => {
    const slots = new Slots(1);
    const held = slots.tryAcquire()!;
    const waiting = slots.acquire(new AbortController().signal);
    expect(slots.queued).toBe(1);
    held();
    // The freed slot went to the waiter, in order: a newcomer gets none.
    expect(slots.tryAcquire()).toBeUndefined();
    (await waiting)();
    expect(slots.tryAcquire()).toBeTypeOf('function');
  });
});
