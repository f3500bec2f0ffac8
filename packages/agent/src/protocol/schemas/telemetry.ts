import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common.js';

/** `heartbeat` params (agent → runtime notification), every `heartbeatIntervalMs`. */
export const HeartbeatParamsSchema = z.object({
  timestamp: TimestampSchema,
  state: z.enum(['idle', 'busy']),
  /** The running task when busy (with several running, the oldest). */
  taskId: IdSchema.optional(),
});
/** `heartbeat` params. */
export type HeartbeatParams = z.infer<typeof HeartbeatParamsSchema>;

/** Log levels, lowest first. */
export const LogLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);
/** A log level. */
export type LogLevel = z.infer<typeof LogLevelSchema>;

/** `log` params (agent → runtime notification): a structured log record. */
export const LogParamsSchema = z.object({
  level: LogLevelSchema,
  message: z.string(),
  data: z.unknown().optional(),
  /** The task the record belongs to, if any. */
  taskId: IdSchema.optional(),
});
/** `log` params. */
export type LogParams = z.infer<typeof LogParamsSchema>;
