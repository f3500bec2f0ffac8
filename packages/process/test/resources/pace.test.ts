import { describe, expect, it } from 'vitest';
import { nextSampleDelay } from '../../src/resources/pace.js';

const MiB = 1024 ** 2;
const limits = { maxMemoryBytes: 1000 * MiB, cpuLimitPercent: 80 };
const steady = (memoryMiB: number, cpuPercent = 0) => ({
  memoryBytes: memoryMiB * MiB,
  previousMemoryBytes: memoryMiB * MiB,
  elapsedMs: 1_000,
  cpuPercent,
  cpuOver: false,
});

describe('nextSampleDelay', () => {
  it('samples an agent far from every limit four times slower, at most every 5 s', () => {
    expect(nextSampleDelay(1_000, steady(40), limits)).toBe(4_000);
    expect(nextSampleDelay(2_000, steady(40), limits)).toBe(5_000);
    expect(nextSampleDelay(10_000, steady(40), limits)).toBe(10_000);
  });

  it('keeps the base interval between half and 80 % of a limit', () => {
    expect(nextSampleDelay(1_000, steady(600), limits)).toBe(1_000);
    expect(nextSampleDelay(1_000, steady(40, 50), limits)).toBe(1_000);
  });

  it('samples four times faster near a limit or with the CPU over it, never below 50 ms nor above the base', () => {
    expect(nextSampleDelay(1_000, steady(850), limits)).toBe(250);
    expect(nextSampleDelay(1_000, { ...steady(40, 90), cpuOver: true }, limits)).toBe(250);
    expect(nextSampleDelay(100, steady(850), limits)).toBe(50);
    expect(nextSampleDelay(20, steady(850), limits)).toBe(20);
  });

  it('counts memory growth continued over a slow interval as nearness', () => {
    // 300 MiB now, +100 MiB in the last second: at that rate 700 MiB after a 4 s interval, past half the limit.
    const growing = { ...steady(300), previousMemoryBytes: 200 * MiB };
    expect(nextSampleDelay(1_000, growing, limits)).toBe(1_000);
    // +150 MiB per second: 900 MiB projected, past 80 %.
    expect(nextSampleDelay(1_000, { ...growing, previousMemoryBytes: 150 * MiB }, limits)).toBe(250);
  });
});
