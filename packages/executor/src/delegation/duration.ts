const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const DURATION_RE = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/;

/** A duration: milliseconds as a number, or a string such as `"250ms"`, `"120s"`, `"5m"`, `"1h"`. */
export type DurationInput = number | string;

/**
 * Converts a {@link DurationInput} to whole milliseconds, or returns `undefined` when it is not a
 * finite, non-negative duration. A bare numeric string is milliseconds.
 */
export function parseDuration(input: DurationInput): number | undefined {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 0 ? Math.round(input) : undefined;
  }
  const m = DURATION_RE.exec(input);
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2] ?? 'ms']!;
  return Number.isFinite(ms) ? Math.round(ms) : undefined;
}
