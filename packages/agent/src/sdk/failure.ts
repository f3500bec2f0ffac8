import { AapErrorCode } from '../protocol/error-codes.js';
import type { TaskFailureData } from '../protocol/schemas/task.js';
import { RpcError } from '../rpc/rpc-error.js';

const MAX_STACK = 4096;

/** Turns whatever `execute` threw into a `-32001 TASK_FAILED` answer with `{ code, name, message, … }` data. */
export function taskFailure(taskId: string, thrown: unknown): RpcError {
  const err = thrown instanceof Error ? thrown : undefined;
  const data: TaskFailureData = {
    code: 'TASK_FAILED',
    name: err?.name ?? 'Error',
    message: err?.message ?? String(thrown),
  };
  const ownCode = (thrown as { code?: unknown } | undefined)?.code;
  if (typeof ownCode === 'string' || typeof ownCode === 'number') data.errorCode = ownCode;
  const ownData = (thrown as { data?: unknown } | undefined)?.data;
  if (ownData !== undefined && isJsonSafe(ownData)) data.data = ownData;
  if (err?.stack) data.stack = err.stack.slice(0, MAX_STACK);
  return new RpcError(AapErrorCode.TASK_FAILED, `Task ${taskId} failed: ${data.message}`, data);
}

/** The `-32002 CANCELLED` answer of a task that was cancelled. */
export function taskCancelled(taskId: string, reason: string): RpcError {
  return new RpcError(AapErrorCode.CANCELLED, `Task ${taskId} cancelled: ${reason}`, {
    code: 'CANCELLED',
    taskId,
    reason,
  });
}

function isJsonSafe(value: unknown): boolean {
  try {
    JSON.stringify(value);
    return true;
  } catch {
    return false;
  }
}
