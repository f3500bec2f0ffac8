import type { z } from 'zod';
import { ProcessError, type ProcessErrorCode } from '../errors.js';

/** Parses `input` with `schema`, or throws a {@link ProcessError} naming the first bad field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code: Extract<ProcessErrorCode, 'INVALID_SPEC' | 'INVALID_CONFIG'>,
  what: string,
): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.') || '(root)';
  throw new ProcessError(code, `Invalid ${what}: field "${field}": ${issue.message}`, {
    cause: r.error,
    data: { field, issues: r.error.issues },
  });
}
