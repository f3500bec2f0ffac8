import type { TaskDelegation } from '../delegation/schema.js';

/**
 * A task an agent completed: its answer and what it cost. There is no failure form: a task that fails rejects
 * with a typed `ExecutorError` (`TIMEOUT`, `AGENT_CRASHED`, `TASK_FAILED`, …) instead.
 */
export interface TaskResult {
  /** The agent that ran the task. */
  workerId: string;
  /** The validated delegation. */
  task: TaskDelegation;
  /** What the agent answered (any JSON, `null` included). */
  output: unknown;
  /** From dispatch to answer, ms. */
  durationMs: number;
  /** Tool calls the agent made, served and refused. */
  toolCalls: number;
  /** Of those, calls refused (`TOOL_NOT_ALLOWED` or `TOOL_BUDGET_EXCEEDED`). */
  refusedToolCalls: number;
  /** Tokens used, as the agent reported them (absent when it did not). */
  tokensUsed?: number;
  /** Cost in cents, as the agent reported it (absent when it did not). */
  costCents?: number;
  /** When the task finished. */
  completedAt: Date;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
}
