import type { ToolCallAuditRecord } from '../audit/record.js';
import type { ExecutorErrorCode } from '../errors/executor-error.js';
import type { TaskResult } from './result.js';

/** Why a running task was stopped early: its deadline, a cancel, or too many refused tool calls. */
export type StopReason = 'timeout' | 'cancelled' | 'refusal-limit';

/** Everything an executor publishes; `type` discriminates. */
export type ExecutorEvent =
  | { type: 'task-started'; agentId: string; taskId: string; attempt: number; deadlineMs: number; toolBudget: number }
  | { type: 'task-progress'; agentId: string; taskId: string; progress?: number; message?: string }
  | { type: 'task-checkpoint'; agentId: string; taskId: string; refused?: string }
  | ({ type: 'tool-call' } & ToolCallAuditRecord)
  | { type: 'task-cancelling'; agentId: string; taskId: string; reason: StopReason }
  | { type: 'agent-stopped'; agentId: string; taskId: string; reason: StopReason }
  | { type: 'task-completed'; result: TaskResult }
  | {
      type: 'task-failed';
      agentId: string;
      taskId: string;
      code: ExecutorErrorCode;
      message: string;
      durationMs: number;
    };

/** A listener of {@link ExecutorEvent}s. */
export type ExecutorEventListener = (event: ExecutorEvent) => void;
