import type { z } from 'zod';
import { ExecutorError } from '../errors/executor-error.js';
import { TaskDelegationSchema, type TaskDelegation } from './schema.js';

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return (
    path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(root)'
  );
}

/** Turns a zod error into an `INVALID_DELEGATION` error naming the first bad field. */
export function delegationError(error: z.ZodError): ExecutorError {
  const issues = error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const first = issues[0] ?? { path: '(root)', message: 'invalid' };
  return new ExecutorError('INVALID_DELEGATION', `invalid task delegation: ${first.path}: ${first.message}`, {
    cause: error,
    data: { path: first.path, issues },
  });
}

// Delegations this module produced. Why: the worker pool parses a task once at submit and the executor would parse
// the same object again for every attempt; zod is a large share of the per-task cost.
const parsed = new WeakSet<object>();

/**
 * Validates a delegation (filling defaults, generating `taskId`, parsing durations). A delegation this function
 * returned is returned as is when passed again (it was validated; treat parsed delegations as read-only).
 * @throws ExecutorError `INVALID_DELEGATION` with `data.path` naming the bad field.
 */
export function parseDelegation(input: unknown): TaskDelegation {
  if (typeof input === 'object' && input !== null && parsed.has(input)) return input as TaskDelegation;
  const r = TaskDelegationSchema.safeParse(input);
  if (!r.success) throw delegationError(r.error);
  parsed.add(r.data);
  return r.data;
}

/**
 * `task` with its `context` replaced by `context` (any record is a valid context). A delegation {@link parseDelegation}
 * returned stays one without a second validation (the runtime pins each attempt's Cortex workspace in the context);
 * any other input is validated with the new context, like {@link parseDelegation}.
 * @throws ExecutorError `INVALID_DELEGATION` for an unparsed input with a bad field.
 */
export function withContext(task: unknown, context: Record<string, unknown>): TaskDelegation {
  if (typeof task !== 'object' || task === null || !parsed.has(task))
    return parseDelegation({ ...(task as object), context });
  const copy: TaskDelegation = { ...(task as TaskDelegation), context };
  parsed.add(copy);
  return copy;
}
