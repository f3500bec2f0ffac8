/** The limits the sampling pace of one agent is judged against. */
export interface PaceLimits {
  /** Memory limit of the tree, bytes. */
  maxMemoryBytes: number;
  /** CPU limit of the tree, percent of one core. */
  cpuLimitPercent: number;
}

/** Fraction of the nearest limit at or above which an agent is sampled fast. */
export const NEAR = 0.8;
/** Fraction of the nearest limit below which an agent is sampled slowly. */
export const FAR = 0.5;
/** Slow sampling is this many base intervals… */
export const SLOW_FACTOR = 4;
/** …but never longer than this (or the base interval, if that is longer), ms. */
export const SLOW_MAX_MS = 5_000;
/** Fast sampling is a quarter of the base interval, but never shorter than this, ms. */
export const FAST_MIN_MS = 50;

/** One agent's last two memory readings and its CPU, as the pace needs them. */
export interface PaceSample {
  memoryBytes: number;
  /** Memory at the sample before, bytes (equal to `memoryBytes` for the first). */
  previousMemoryBytes: number;
  /** Time between the two samples, ms. */
  elapsedMs: number;
  cpuPercent: number;
  /** True while the CPU is over its limit (the limit's window is running). */
  cpuOver: boolean;
}

/**
 * The interval until an agent's next sample, ms, from `base` (`resourceSamplingInterval`):
 * - near a limit — projected memory (the last growth rate continued over a slow interval) or CPU at ≥ 80 % of its
 *   limit, or CPU over the limit: `base / 4` (at least 50 ms, at most `base`), so a breach is seen soon after it happens;
 * - far from every limit — all below 50 %: `base × 4`, capped at 5 s (or `base` if that is longer);
 * - otherwise `base`.
 */
export function nextSampleDelay(base: number, s: PaceSample, limits: PaceLimits): number {
  const slow = Math.max(base, Math.min(base * SLOW_FACTOR, SLOW_MAX_MS));
  const growth = s.elapsedMs > 0 ? Math.max(0, s.memoryBytes - s.previousMemoryBytes) * (slow / s.elapsedMs) : 0;
  const load = Math.max((s.memoryBytes + growth) / limits.maxMemoryBytes, s.cpuPercent / limits.cpuLimitPercent);
  if (s.cpuOver || load >= NEAR) return Math.min(base, Math.max(FAST_MIN_MS, Math.floor(base / 4)));
  if (load < FAR) return slow;
  return base;
}
