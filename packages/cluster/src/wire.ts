import type { TaskResult } from '@axon/executor';
import { RUNTIME_ERROR_CODES, RuntimeError, type RuntimeErrorCode } from '@axon/core';

/** A task's committed outcome as stored in Redis. */
export type WireOutcome =
  | { ok: true; hostId: string; result: Omit<TaskResult, 'completedAt'> & { completedAt: string } }
  | {
      ok: false;
      hostId: string;
      error: { code: string; message: string; data: Record<string, unknown>; layer: string };
    };

/** Encodes a result for Redis. */
export function encodeResult(hostId: string, result: TaskResult): WireOutcome {
  return { ok: true, hostId, result: { ...result, completedAt: result.completedAt.toISOString() } };
}

/** Encodes a task failure for Redis (`data` dropped where it does not serialize). */
export function encodeError(hostId: string, error: RuntimeError): WireOutcome {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(JSON.stringify(error.data)) as Record<string, unknown>;
  } catch {
    data = {};
  }
  return { ok: false, hostId, error: { code: error.code, message: error.message, data, layer: error.layer } };
}

const KNOWN = new Set<string>(RUNTIME_ERROR_CODES);

/** Decodes a committed outcome: the result, or the `RuntimeError` (same code, data and layer) to throw. */
export function decodeOutcome(outcome: WireOutcome): { result: TaskResult } | { error: RuntimeError } {
  if (outcome.ok) return { result: { ...outcome.result, completedAt: new Date(outcome.result.completedAt) } };
  const e = outcome.error;
  const code = (KNOWN.has(e.code) ? e.code : 'INTERNAL') as RuntimeErrorCode;
  const data = { ...e.data, hostId: outcome.hostId, ...(code !== e.code && { originalCode: e.code }) };
  return { error: new RuntimeError(code, e.message, { data, layer: e.layer as RuntimeError['layer'] }) };
}
