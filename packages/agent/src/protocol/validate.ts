import type { z } from 'zod';

/** One schema violation: where (a dotted path, `''` for the root) and what. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** The outcome of {@link validate}. */
export type ValidationOutcome<T> =
  { success: true; data: T } | { success: false; message: string; issues: ValidationIssue[] };

/** Formats a zod path like `task.tools[0].name`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Validates `value`; on failure the message names every bad field, e.g. `agent.id: Invalid input: expected string`. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): ValidationOutcome<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { success: true, data: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const message = issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ');
  return { success: false, message, issues };
}
