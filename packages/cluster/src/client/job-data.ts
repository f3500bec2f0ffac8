import type { TaskDelegation } from '@axon/executor';
import { RuntimeError } from '@axon/core';

/** What a job carries: the validated delegation and the codes its retries are for. */
export interface TaskJobData {
  /** The delegation, parsed by the submitter (defaults filled, timeout in ms). */
  task: TaskDelegation;
  /** Failure codes that make another attempt worthwhile; any other failure is final. */
  retryOn: string[];
  /** When the task was submitted, epoch ms. */
  submittedAt: number;
}

/** Refuses task ids BullMQ cannot use as job ids (integers, `:`) with `INVALID_DELEGATION` naming `taskId`. */
export function checkTaskId(taskId: string): void {
  if (`${parseInt(taskId, 10)}` === taskId || taskId.includes(':'))
    throw new RuntimeError(
      'INVALID_DELEGATION',
      `taskId ${JSON.stringify(taskId)} cannot be a cluster job id: it must not be an integer nor contain ":"`,
      { data: { path: 'taskId', taskId } },
    );
}
