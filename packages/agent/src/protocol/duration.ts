import { z } from 'zod';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Pattern a duration string with units matches: one or more `<number><unit>` parts, units `ms`, `s`, `m`, `h`, `d`. */
export const DURATION_PATTERN = '^\\s*(\\d+(\\.\\d+)?\\s*(ms|s|m|h|d)\\s*)+$';
const DURATION_RE = new RegExp(DURATION_PATTERN);
const PART_RE = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g;
const BARE_RE = /^\d+(?:\.\d+)?$/;

/**
 * The longest duration Axon accepts, ms: 2^31 − 1 (about 24.8 days), the longest delay a Node.js timer can wait
 * (a longer one fires after 1 ms). Longer durations are refused where they are parsed, naming the field.
 */
export const MAX_DURATION_MS = 2 ** 31 - 1;

/** Why `ms` is too long to wait for, or `undefined` when it is not. */
export function durationTooLong(ms: number): string | undefined {
  return ms > MAX_DURATION_MS
    ? `${ms} ms is longer than ${MAX_DURATION_MS} ms (about 24.8 days), the longest a timer can wait`
    : undefined;
}

/** A duration: milliseconds as a number, or a string such as `"250ms"`, `"120s"`, `"5m"`, `"1h"`, `"1d"`, `"1m30s"`. */
export type DurationInput = number | string;

/**
 * Converts a duration to whole milliseconds, or returns `undefined` when it is not a finite, non-negative
 * duration (anything but a number or a string is not). A bare numeric string is milliseconds; a string may combine
 * parts (`"1m30s"`). The one duration grammar of Axon: task timeouts, runtime config, workflow files.
 */
export function parseDuration(input: unknown): number | undefined {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 0 ? Math.round(input) : undefined;
  }
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  let ms: number;
  if (BARE_RE.test(text)) ms = Number(text);
  else if (DURATION_RE.test(text)) {
    ms = 0;
    for (const m of text.matchAll(PART_RE)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  } else return undefined;
  return Number.isFinite(ms) ? Math.round(ms) : undefined;
}

/** A duration field (see {@link parseDuration}), parsed to milliseconds in `[0, MAX_DURATION_MS]`; pipe to `.positive()` where 0 is not allowed. */
export const DurationSchema = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `not a duration: ${JSON.stringify(v)} (use ms or e.g. "120s", "5m", "1m30s")`,
    });
    return z.NEVER;
  }
  const tooLong = durationTooLong(ms);
  if (tooLong !== undefined) {
    ctx.addIssue({ code: 'custom', message: tooLong });
    return z.NEVER;
  }
  return ms;
});
