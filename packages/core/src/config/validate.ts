import type { z } from 'zod';
import { redactSecrets } from './redact.js';
import { RuntimeError } from '../errors/runtime-error.js';
import { RuntimeConfigSchema, configFieldList, type RuntimeConfig } from './schema.js';

/** One problem found in a configuration. */
export interface ConfigIssue {
  /** Dotted path of the bad field, e.g. `process.spawnTimeout`. */
  path: string;
  /** What a valid value looks like. */
  expected: string;
  /** The value found (JSON, shortened), if any. */
  received?: string;
  /** Where the value came from: an environment variable, a file, or `options`. */
  source?: string;
}

/** Where values came from, to name them in errors: `"section.field"` → env var; anything else → `defaultSource`. */
export interface ConfigSources {
  /** Field path → environment variable that set it. */
  env?: Map<string, string>;
  /** Name of the source of every other value (a file path, or `"options"`). */
  defaultSource?: string;
}

function expectedAt(path: PropertyKey[], issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const known =
      path.length === 0
        ? Object.keys(RuntimeConfigSchema.shape)
        : configFieldList()
            .filter((f) => f.path[0] === path[0])
            .map((f) => f.path[1]);
    return `no field ${issue.keys.map((k) => `"${k}"`).join(', ')} here; known fields: ${known.join(', ')}`;
  }
  if (path.length === 1) return 'an object';
  const field = configFieldList().find((f) => f.path[0] === path[0] && f.path[1] === path[1]);
  if (!field) return issue.message;
  // Deeper paths, and refinements such as a duration over the timer limit, add zod's own wording.
  return path.length > 2 || issue.code === 'custom' ? `${field.info.expected} (${issue.message})` : field.info.expected;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function show(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/**
 * Validates a configuration input (a `RuntimeConfigInput`) and fills in the defaults. Fails with `INVALID_CONFIG` listing every bad
 * field by path, what was expected, what was found and where it came from (`data.issues`).
 */
export function parseRuntimeConfig(input: unknown = {}, sources: ConfigSources = {}): RuntimeConfig {
  const result = RuntimeConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues: ConfigIssue[] = result.error.issues.map((issue) => {
    const path = issue.path;
    const dotted = path.map(String).join('.');
    const out: ConfigIssue = { path: dotted || '(root)', expected: expectedAt(path, issue) };
    if (issue.code !== 'unrecognized_keys') {
      // A value under a secret-named key or inside an environment map is not repeated in the error.
      const v = valueAt(redactSecrets(input), path);
      if (v !== undefined) out.received = show(v);
    }
    const env = sources.env?.get(path.slice(0, 2).map(String).join('.'));
    const source = env ?? sources.defaultSource;
    if (source) out.source = source;
    return out;
  });
  const lines = issues.map(
    (i) =>
      `${i.path}: expected ${i.expected}${i.received === undefined ? '' : `, got ${i.received}`}${i.source ? ` (from ${i.source})` : ''}`,
  );
  return (() => {
    throw new RuntimeError('INVALID_CONFIG', `invalid configuration: ${lines.join('; ')}`, {
      cause: result.error,
      data: { issues, path: issues[0]?.path },
    });
  })();
}
