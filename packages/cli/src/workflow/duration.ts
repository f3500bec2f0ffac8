import { z } from 'zod';

const PART = /(\d+(?:\.\d+)?)\s*(ms|s|m|h)/g;
const WHOLE = /^\s*(?:\d+(?:\.\d+)?\s*(?:ms|s|m|h)\s*)+$/;
const FACTOR = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** Parses `1500`, `"90s"`, `"2m"`, `"1m30s"`, `"250ms"` to milliseconds; `undefined` when not a duration. */
export function parseDurationMs(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) > 0 ? Number(value) : undefined;
  if (!WHOLE.test(value)) return undefined;
  let total = 0;
  for (const m of value.matchAll(PART)) total += Number(m[1]) * FACTOR[m[2] as keyof typeof FACTOR];
  return total > 0 ? total : undefined;
}

/** A positive duration: ms as a number, or `"90s"`-style text; parsed to ms. */
export const DurationSchema = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = parseDurationMs(v);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a duration like 90000 or "90s", got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return ms;
});
