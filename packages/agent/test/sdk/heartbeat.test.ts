import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JsonRpcPeer } from '../../src/index.js';
import { Heartbeat, slotOf } from '../../src/sdk/heartbeat.js';

describe('Heartbeat', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000_123 }));
  afterEach(() => vi.useRealTimers());

  function recorder() {
    const at: number[] = [];
    const peer = { notify: () => void at.push(Date.now()) } as unknown as JsonRpcPeer;
    return { at, heartbeat: new Heartbeat(peer, () => undefined) };
  }

  it("beats on the wall-clock grid, in the slot of the agent's id, every interval", () => {
    const { at, heartbeat } = recorder();
    heartbeat.start(1_000, 'agent-7');
    vi.advanceTimersByTime(5_000);
    heartbeat.stop();
    const phase = (slotOf('agent-7') * 1_000) / 8;
    expect(at.length).toBeGreaterThanOrEqual(5);
    for (const t of at) expect((t - phase) % 1_000).toBe(0);
    // The first within one interval of start, then one per interval.
    expect(at[0]! - 1_000_000_123).toBeLessThanOrEqual(1_000);
    expect(at.slice(1).map((t, i) => t - at[i]!)).toEqual(Array(at.length - 1).fill(1_000));
  });

  it('stops, and restarts at a new interval', () => {
    const { at, heartbeat } = recorder();
    heartbeat.start(1_000, 'a');
    vi.advanceTimersByTime(2_000);
    heartbeat.start(0, 'a');
    const n = at.length;
    vi.advanceTimersByTime(5_000);
    expect(at.length).toBe(n);
    heartbeat.start(200, 'a');
    vi.advanceTimersByTime(1_000);
    heartbeat.stop();
    expect(at.length - n).toBeGreaterThanOrEqual(5);
  });

  it('spreads agent ids over the 8 slots (agents in PID namespaces share a pid)', () => {
    const counts = Array(8).fill(0);
    for (let i = 0; i < 800; i++) counts[slotOf(`agent-${i}`)]++;
    for (const n of counts) expect(n).toBeGreaterThan(50);
  });
});
