import type { z } from 'zod';
import { CortexError } from '../errors.js';

/** Validates `input` against `schema`, or throws `INVALID_INPUT` (or `EMPTY_QUERY`) naming the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = issue?.message ?? 'invalid input';
  const code = field === 'query' && /empty/.test(message) ? 'EMPTY_QUERY' : 'INVALID_INPUT';
  throw new CortexError(code, field ? `${message} (field: ${field})` : message, {
    data: { field },
    cause: result.error,
  });
}
