import type { ValidationIssue, ValidationOutcome } from '../validate.js';

/**
 * Hand-written validators for the AAP messages, without zod: importing zod costs an agent tens of milliseconds of
 * start-up (it loads ~100 modules), and the peer checks every frame, heartbeats included. They mirror the zod
 * schemas in `../schemas/` exactly (same acceptance, same output, same messages); a conformance test compares both.
 */

/** Returned by a check that failed (its issues were recorded). */
export const FAIL: unique symbol = Symbol('fail');

/**
 * Checks `value` at `path`; returns the output value, or `FAIL` after pushing issues. `path` is one array shared by
 * the whole run (pushed and popped around each field, so a valid frame allocates no paths): read it only while the
 * check runs (`fail` formats it at once), never keep it.
 */
export type Check = (value: unknown, path: PropertyKey[], issues: ValidationIssue[]) => unknown;

/** A check of an object field: `optional` fields may be absent. */
interface Field {
  check: Check;
  optional: boolean;
  fallback?: unknown;
}

type Shape = Record<string, Check | Field>;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  return typeof v;
}

function fail(issues: ValidationIssue[], path: PropertyKey[], message: string): typeof FAIL {
  issues.push({ path: formatPath(path), message });
  return FAIL;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out;
}

const expected = (what: string, v: unknown) => `Invalid input: expected ${what}, received ${typeName(v)}`;

/** Any value (required when it is an object field, like `z.unknown()`). */
export const unknown: Check = (v) => v;

/** A string of at least `min` characters. */
export function str(min = 0): Check {
  return (v, path, issues) => {
    if (typeof v !== 'string') {
      fail(issues, path, expected('string', v));
      // zod still runs the length check on an array, and reports it too.
      if (Array.isArray(v) && v.length < min) fail(issues, path, `Too small: expected array to have >=${min} items`);
      return FAIL;
    }
    if (v.length < min) return fail(issues, path, `Too small: expected string to have >=${min} characters`);
    return v;
  };
}

/** A boolean. */
export const bool: Check = (v, path, issues) =>
  typeof v === 'boolean' ? v : fail(issues, path, expected('boolean', v));

/** A finite number; `int` = a safe integer; `min`/`max` inclusive, `gt` exclusive. */
export function num(o: { int?: boolean; min?: number; gt?: number; max?: number } = {}): Check {
  return (v, path, issues) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(issues, path, expected('number', v));
    if (o.int && !Number.isInteger(v)) return fail(issues, path, expected('int', v));
    const before = issues.length;
    // Like zod: an integer outside the safe range is reported, and the other bounds are still checked.
    if (o.int && !Number.isSafeInteger(v))
      fail(
        issues,
        path,
        v > 0
          ? `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`
          : `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`,
      );
    if (o.min !== undefined && v < o.min) fail(issues, path, `Too small: expected number to be >=${o.min}`);
    if (o.gt !== undefined && v <= o.gt) fail(issues, path, `Too small: expected number to be >${o.gt}`);
    if (o.max !== undefined && v > o.max) fail(issues, path, `Too big: expected number to be <=${o.max}`);
    return issues.length === before ? v : FAIL;
  };
}

/** One of the given strings. */
export function oneOf(values: readonly string[]): Check {
  const message = `Invalid option: expected one of ${values.map((x) => JSON.stringify(x)).join('|')}`;
  return (v, path, issues) => (typeof v === 'string' && values.includes(v) ? v : fail(issues, path, message));
}

/** An optional object field. */
export function optional(check: Check): Field {
  return { check, optional: true };
}

/** An optional object field that takes `fallback` when absent. */
export function withDefault(check: Check, fallback: unknown): Field {
  return { check, optional: true, fallback };
}

/** An array of `item`. */
export function arr(item: Check): Check {
  return (v, path, issues) => {
    if (!Array.isArray(v)) return fail(issues, path, expected('array', v));
    const out: unknown[] = new Array(v.length);
    let ok = true;
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      const r = item(v[i], path, issues);
      path.pop();
      if (r === FAIL) ok = false;
      else out[i] = r;
    }
    return ok ? out : FAIL;
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An object with string keys and any values (`z.record(z.string(), z.unknown())`). */
export const record: Check = (v, path, issues) =>
  isPlainObject(v) ? { ...v } : fail(issues, path, expected('record', v));

/** An object of `shape`; unknown keys are dropped, or kept with `loose` (like `z.object` / `z.looseObject`). */
export function obj(shape: Shape, loose = false): Check {
  const fields = Object.entries(shape).map(
    ([key, f]) => [key, typeof f === 'function' ? { check: f, optional: false } : f] as const,
  );
  return (v, path, issues) => {
    if (!isPlainObject(v)) return fail(issues, path, expected('object', v));
    const out: Record<string, unknown> = loose ? { ...v } : {};
    let ok = true;
    for (const [key, field] of fields) {
      const present = Object.prototype.hasOwnProperty.call(v, key) && v[key] !== undefined;
      if (!present) {
        if (field.fallback !== undefined) out[key] = field.fallback;
        else if (!field.optional) {
          ok = false;
          path.push(key);
          fail(
            issues,
            path,
            field.check === unknown ? 'Invalid input: expected nonoptional, received undefined' : missing(field.check),
          );
          path.pop();
        }
        continue;
      }
      path.push(key);
      const r = field.check(v[key], path, issues);
      path.pop();
      if (r === FAIL) ok = false;
      else out[key] = r;
    }
    return ok ? out : FAIL;
  };
}

/** The message zod gives for a missing required field: the check's own message for `undefined`. */
function missing(check: Check): string {
  const issues: ValidationIssue[] = [];
  check(undefined, [], issues);
  return issues[0]?.message ?? 'Invalid input';
}

/** Runs `check` on `value` and returns the outcome in the shape of `validate()`. */
export function runCheck<T = unknown>(check: Check, value: unknown): ValidationOutcome<T> {
  const issues: ValidationIssue[] = [];
  const data = check(value, [], issues);
  if (data !== FAIL && issues.length === 0) return { success: true, data: data as T };
  const message = issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ');
  return { success: false, message, issues };
}
