import { z } from 'zod';
import { IdSchema } from './common.js';

/** The task sent to an agent: a `TaskDelegation`. `taskId` and `objective` are required; every other field is kept. */
export const TaskSchema = z.looseObject({
  /** Unique id of the task. */
  taskId: IdSchema,
  /** What to do, in words. */
  objective: z.string(),
});
/** A task as the agent receives it. */
export type Task = z.infer<typeof TaskSchema>;

/** `task/execute` params (runtime → agent request). */
export const TaskExecuteParamsSchema = z.object({
  task: TaskSchema,
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: z.number().int().positive(),
  /** The last checkpoint the previous attempt saved (`task/checkpoint`), if any. */
  checkpoint: z.unknown().optional(),
  /** W3C trace context of the runtime's span for this attempt; an agent's own spans are its children. */
  trace: z
    .object({
      /** The W3C `traceparent` header value, e.g. `00-<32 hex trace id>-<16 hex span id>-01`. */
      traceparent: z.string().min(1),
      /** The W3C `tracestate` header value, when the trace has one. */
      tracestate: z.string().optional(),
    })
    .optional(),
});
/** `task/execute` params. */
export type TaskExecuteParams = z.infer<typeof TaskExecuteParamsSchema>;

/** Usage the agent reports for a task. */
export const TaskUsageSchema = z.object({
  /** LLM tokens used. */
  tokensUsed: z.number().int().nonnegative().optional(),
  /** Cost in cents. */
  costCents: z.number().nonnegative().optional(),
});
/** Usage the agent reports for a task. */
export type TaskUsage = z.infer<typeof TaskUsageSchema>;

/** `task/execute` result: the task's output (any JSON) and usage. */
export const TaskExecuteResultSchema = z.object({
  output: z.unknown(),
  usage: TaskUsageSchema.optional(),
});
/** `task/execute` result. */
export type TaskExecuteResult = z.infer<typeof TaskExecuteResultSchema>;

/** `task/cancel` params (runtime → agent notification). */
export const TaskCancelParamsSchema = z.object({ taskId: IdSchema, reason: z.string().optional() });
/** `task/cancel` params. */
export type TaskCancelParams = z.infer<typeof TaskCancelParamsSchema>;

/** `task/progress` params (agent → runtime notification). */
export const TaskProgressParamsSchema = z.object({
  taskId: IdSchema,
  /** Fraction done, 0..1. */
  progress: z.number().min(0).max(1).optional(),
  message: z.string().optional(),
});
/** `task/progress` params. */
export type TaskProgressParams = z.infer<typeof TaskProgressParamsSchema>;

/** `task/checkpoint` params (agent → runtime notification): resumable state, handed back on a retry. */
export const TaskCheckpointParamsSchema = z.object({ taskId: IdSchema, data: z.unknown() });
/** `task/checkpoint` params. */
export type TaskCheckpointParams = z.infer<typeof TaskCheckpointParamsSchema>;

/** `error.data` of a `-32001 TASK_FAILED` answer. */
export const TaskFailureDataSchema = z.looseObject({
  /** Always `'TASK_FAILED'`. */
  code: z.literal('TASK_FAILED'),
  /** The thrown error's `name`, e.g. `'TypeError'`. */
  name: z.string(),
  /** The thrown error's `message`. */
  message: z.string(),
  /** The thrown error's own `code` property, when it had a string or number one. */
  errorCode: z.union([z.string(), z.number()]).optional(),
  /** The thrown error's `data` property, when it had one. */
  data: z.unknown().optional(),
  stack: z.string().optional(),
});
/** `error.data` of a `-32001 TASK_FAILED` answer. */
export type TaskFailureData = z.infer<typeof TaskFailureDataSchema>;
