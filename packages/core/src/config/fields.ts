import { z } from 'zod';
import { DURATION_PATTERN, MAX_DURATION_MS, durationTooLong, parseDuration } from '@axon/agent';
import { SIZE_PATTERN, formatDuration, formatSize, parseSize } from './units.js';

/** How a configuration leaf is read from an environment variable and shown in the docs. */
export type FieldKind = 'duration' | 'size' | 'integer' | 'number' | 'boolean' | 'string' | 'enum' | 'list' | 'json';

/** What the runtime knows about one configuration field, beyond its zod type. */
export interface FieldInfo {
  /** How the value is parsed from an environment variable. */
  kind: FieldKind;
  /** One sentence: what the field does. */
  description: string;
  /** What a valid value looks like, used in `INVALID_CONFIG` messages. */
  expected: string;
  /** Unit of the parsed value (`ms`, `bytes`, `%`), if any. */
  unit?: string;
  /** Default, as documented (human readable), if any. */
  defaultText?: string;
  /** Environment variable that sets it (filled in by `section()`). */
  env?: string;
  /** Default to state in the JSON Schema where zod cannot (fields with a transform). */
  jsonDefault?: unknown;
}

/** Registry of every configuration leaf, for env parsing, error messages and the generated docs. */
export const configFields = z.registry<FieldInfo>();

type Leaf = z.ZodType;

// Leaves wait here until `section()` knows their path (and so their environment variable).
const pending = new WeakMap<Leaf, FieldInfo>();

function leaf<T extends Leaf>(schema: T, info: FieldInfo): T {
  pending.set(schema, info);
  return schema;
}

const durationInput = z.union([
  z.number().int().nonnegative(),
  z.string().regex(new RegExp(`(${DURATION_PATTERN})|(^\\d+$)`)),
]);

function durationBase(min: number) {
  return durationInput.transform((v, ctx) => {
    const ms = parseDuration(v)!;
    const problem =
      durationTooLong(ms) ?? (ms < min ? `${ms} ms is less than ${min} ms, the least it can be` : undefined);
    if (problem === undefined) return ms;
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  });
}

/** Options of {@link duration}. */
export interface DurationOptions {
  /** Least accepted value, ms (a value the runtime cannot use, such as 0 for a timeout, is refused). Default 0. */
  min?: number;
}

/**
 * A duration in milliseconds; accepts a number of ms or a string like `"30s"`, `"5m"`, `"1h"`. Values above
 * `MAX_DURATION_MS` (2^31 − 1 ms, the longest a timer can wait) or below `min` are refused.
 */
export function duration(
  description: string,
  def: number,
  opts?: DurationOptions,
): z.ZodDefault<ReturnType<typeof durationBase>>;
/** An optional duration in milliseconds (no default). */
export function duration(
  description: string,
  def?: undefined,
  opts?: DurationOptions,
): z.ZodOptional<ReturnType<typeof durationBase>>;
export function duration(description: string, def?: number, opts: DurationOptions = {}) {
  const min = opts.min ?? 0;
  const base = durationBase(min);
  const range = `between ${min} and ${MAX_DURATION_MS} ms`;
  const expected = `a duration ${range}: milliseconds (an integer) or a string like "500ms", "30s", "5m", "1h"`;
  const info: FieldInfo = { kind: 'duration', description, expected, unit: 'ms' };
  if (def === undefined) return leaf(base.optional(), info);
  return leaf(base.default(def), { ...info, jsonDefault: def, defaultText: `${def} (${formatDuration(def)})` });
}

const sizeInput = z.union([z.number().int().nonnegative(), z.string().regex(new RegExp(`(${SIZE_PATTERN})|(^\\d+$)`))]);

/** A size in bytes; accepts a number of bytes or a string like `"512MiB"`, `"2GiB"`, `"10MB"`; below `min` is refused. */
export function size(description: string, def: number, opts: { min?: number } = {}) {
  const min = opts.min ?? 0;
  const base = sizeInput.transform((v, ctx) => {
    const bytes = parseSize(v)!;
    if (bytes >= min && Number.isSafeInteger(bytes)) return bytes;
    ctx.addIssue({ code: 'custom', message: `${bytes} bytes is out of range (at least ${min})` });
    return z.NEVER;
  });
  return leaf(base.default(def), {
    jsonDefault: def,
    kind: 'size',
    description,
    expected: `a size of at least ${min} bytes: bytes (an integer) or a string like "512KiB", "10MiB", "2GiB", "100MB"`,
    unit: 'bytes',
    defaultText: `${def} (${formatSize(def)})`,
  });
}

/** An integer in `[min, max]`. */
export function integer(
  description: string,
  opts: { min: number; max?: number; def: number; unit?: string },
): z.ZodDefault<z.ZodNumber>;
/** An optional integer in `[min, max]` (no default). */
export function integer(
  description: string,
  opts: { min: number; max?: number; unit?: string },
): z.ZodOptional<z.ZodNumber>;
export function integer(description: string, opts: { min: number; max?: number; def?: number; unit?: string }) {
  let base = z.number().int().min(opts.min);
  if (opts.max !== undefined) base = base.max(opts.max);
  const range = opts.max === undefined ? `>= ${opts.min}` : `between ${opts.min} and ${opts.max}`;
  const info: FieldInfo = { kind: 'integer', description, expected: `an integer ${range}` };
  if (opts.unit) info.unit = opts.unit;
  if (opts.def === undefined) return leaf(base.optional(), info);
  return leaf(base.default(opts.def), { ...info, defaultText: String(opts.def) });
}

/** A number in `[min, max]`. */
export function number(description: string, opts: { min: number; max: number; def: number; unit?: string }) {
  const info: FieldInfo = {
    kind: 'number',
    description,
    expected: `a number between ${opts.min} and ${opts.max}`,
    defaultText: String(opts.def),
  };
  if (opts.unit) info.unit = opts.unit;
  return leaf(z.number().min(opts.min).max(opts.max).default(opts.def), info);
}

/** A boolean flag; in the environment `true/false`, `1/0`, `yes/no`, `on/off`. */
export function flag(description: string, def: boolean) {
  return leaf(z.boolean().default(def), {
    kind: 'boolean',
    description,
    expected: 'true or false',
    defaultText: String(def),
  });
}

/** A string; optional when no default is given. */
export function text(description: string, def: string): z.ZodDefault<z.ZodString>;
/** An optional string (no default). */
export function text(description: string): z.ZodOptional<z.ZodString>;
export function text(description: string, def?: string) {
  const info: FieldInfo = { kind: 'string', description, expected: 'a non-empty string' };
  if (def === undefined) return leaf(z.string().min(1).optional(), info);
  return leaf(z.string().min(1).default(def), { ...info, defaultText: JSON.stringify(def) });
}

/** One of a fixed set of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  description: string,
  values: T,
  def: T[number],
): z.ZodDefault<z.ZodEnum<{ [K in T[number]]: K }>>;
export function oneOf<const T extends readonly [string, ...string[]]>(description: string, values: T, def?: T[number]) {
  const info: FieldInfo = { kind: 'enum', description, expected: `one of ${values.map((v) => `"${v}"`).join(', ')}` };
  if (def === undefined) return leaf(z.enum(values).optional(), info);
  return leaf(z.enum(values).default(def as never), { ...info, defaultText: JSON.stringify(def) });
}

/** A list of strings; in the environment a JSON array or a comma-separated list. */
export function list(description: string, def: string[]) {
  return leaf(z.array(z.string()).default(def), {
    kind: 'list',
    description,
    expected: 'an array of strings',
    defaultText: JSON.stringify(def),
  });
}

/** A structured value (object); in the environment a JSON document. */
export function json<T extends z.ZodType>(description: string, schema: T, expected: string, defaultText: string) {
  return leaf(schema, { kind: 'json', description, expected, defaultText });
}

/** Environment variable name of `section.field`: `AXON_<SECTION>_<FIELD_IN_SNAKE_CASE>`. */
export function envName(sectionName: string, field: string): string {
  const snake = field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  return `AXON_${sectionName.toUpperCase()}_${snake}`;
}

/** The leaves of every section by section name, as registered by {@link section}. */
export const sectionShapes = new Map<string, Record<string, Leaf>>();

/** A config section: a strict object whose fields learn their environment variable names. */
export function section<S extends Record<string, Leaf>>(name: string, fields: S) {
  const shape: Record<string, Leaf> = {};
  for (const [key, schema] of Object.entries(fields)) {
    const info = pending.get(schema);
    if (!info) {
      shape[key] = schema;
      continue;
    }
    const full: FieldInfo = { ...info, env: envName(name, key) };
    const meta: Record<string, unknown> = { description: full.description, 'x-env': full.env };
    if (full.unit) meta['x-unit'] = full.unit;
    if (full.jsonDefault !== undefined) meta.default = full.jsonDefault;
    const described = schema.meta(meta);
    configFields.add(described, full);
    shape[key] = described;
  }
  sectionShapes.set(name, shape);
  return z.strictObject(shape as S).prefault({} as never);
}
