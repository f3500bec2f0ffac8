import type { TaskDelegation } from '../delegation/schema.js';

/** The outcome of one task run on one agent. */
export interface TaskResult {
  /** The agent that ran the task. */
  workerId: string;
  /** The validated delegation. */
  task: TaskDelegation;
  /** What the agent answered (any JSON); `null` on failure. */
  output: unknown;
  /** Whether the agent answered with an output. */
  success: boolean;
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
