import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/stats/percentile.js';
import { StatisticsCollector } from '../../src/stats/statistics.js';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const v = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(v, 50)).toBe(5);
    expect(percentile(v, 95)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
  });
  it('is 0 for no values', () => {
    expect(percentile([], 50)).toBe(0);
  });
});

describe('StatisticsCollector', () => {
  it('starts at zero', () => {
    expect(new StatisticsCollector().snapshot()).toEqual({
      totalTasks: 0,
      successfulTasks: 0,
      failedTasks: 0,
      timedOutTasks: 0,
      totalToolCalls: 0,
      avgExecutionTimeMs: 0,
      p50ExecutionTimeMs: 0,
      p95ExecutionTimeMs: 0,
      totalExecutionTimeMs: 0,
    });
  });
  it('counts outcomes, tool calls and durations', () => {
    const s = new StatisticsCollector();
    s.record({ success: true, timedOut: false, toolCalls: 2, durationMs: 10 });
    s.record({ success: true, timedOut: false, toolCalls: 1, durationMs: 30 });
    s.record({ success: false, timedOut: true, toolCalls: 0, durationMs: 100 });
    s.record({ success: false, timedOut: false, toolCalls: 4, durationMs: 20 });
    expect(s.snapshot()).toEqual({
      totalTasks: 4,
      successfulTasks: 2,
      failedTasks: 2,
      timedOutTasks: 1,
      totalToolCalls: 7,
      avgExecutionTimeMs: 40,
      p50ExecutionTimeMs: 20,
      p95ExecutionTimeMs: 100,
      totalExecutionTimeMs: 160,
    });
  });
});

describe('StatisticsCollector window', () => {
  it('computes percentiles over the last DURATION_WINDOW tasks while totals stay exact', async () => {
    const { DURATION_WINDOW } = await import('../../src/stats/statistics.js');
    const s = new StatisticsCollector();
    for (let i = 0; i < DURATION_WINDOW; i++)
      s.record({ success: true, timedOut: false, toolCalls: 0, durationMs: 1_000 });
    for (let i = 0; i < DURATION_WINDOW; i++) s.record({ success: true, timedOut: false, toolCalls: 0, durationMs: 1 });
    const snap = s.snapshot();
    expect(snap.totalTasks).toBe(2 * DURATION_WINDOW);
    expect(snap.p95ExecutionTimeMs).toBe(1);
    expect(snap.avgExecutionTimeMs).toBeCloseTo(500.5, 5);
  });
});
