import type { Span } from '@opentelemetry/api';
import type { TaskDelegation, TaskResult } from '@axon/executor';
import type { RuntimeError } from '../errors/runtime-error.js';
import type { RetryPolicy } from '../recovery/retry-policy.js';

/** A submitted task while it waits or runs (internal). */
export interface QueuedTask {
  task: TaskDelegation;
  attempt: number;
  policy: RetryPolicy;
  controller: AbortController;
  /** A checkpoint handed in with `submit` (from a run elsewhere); used while this runtime has none of its own. */
  resumeFrom?: unknown;
  settled: boolean;
  /** The task's trace span, from submit to its outcome. */
  span: Span;
  /** Epoch ms it (re-)entered the queue. */
  queuedAt: number;
  resolve(result: TaskResult): void;
  reject(error: RuntimeError): void;
}
