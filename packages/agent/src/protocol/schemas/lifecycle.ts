import { z } from 'zod';
import { MAX_AGENT_CONCURRENCY } from '../concurrency.js';
import { EmptyParamsSchema, EmptyResultSchema, IdSchema, RecordSchema, TimestampSchema } from './common.js';

/** Resource limits the runtime enforces on the agent, sent for information. Unknown fields are kept. */
export const AgentLimitsSchema = z.looseObject({
  /** Memory limit of the agent's process tree, bytes. */
  maxMemoryBytes: z.number().nonnegative().optional(),
  /** Sustained CPU limit, percent of one core. */
  cpuLimitPercent: z.number().nonnegative().optional(),
  /** File-descriptor limit. */
  maxFileDescriptors: z.number().int().nonnegative().optional(),
  /** Output (stdout + stderr) limit, bytes. */
  maxOutputSizeBytes: z.number().nonnegative().optional(),
  /** Deadline of one task, ms. */
  maxTaskDuration: z.number().nonnegative().optional(),
  /** Tool calls allowed per task. */
  maxToolCallsPerTask: z.number().int().nonnegative().optional(),
});
/** Resource limits sent in `initialize`. */
export type AgentLimits = z.infer<typeof AgentLimitsSchema>;

/** `initialize` params (runtime → agent request): who the agent is and how to behave. */
export const InitializeParamsSchema = z.object({
  /** The AAP version the runtime speaks, e.g. `'2026-11-01'`. */
  protocolVersion: z.string().min(1),
  /** The identity the runtime gave this agent process. */
  agent: z.object({ id: IdSchema, name: z.string().min(1), type: z.string().min(1) }),
  /** How often the agent must send `heartbeat`, ms; `0` = no heartbeats. */
  heartbeatIntervalMs: z.number().int().nonnegative(),
  /** Limits enforced on this agent, for information. */
  limits: AgentLimitsSchema.optional(),
  /** Free-form agent configuration. */
  config: RecordSchema.optional(),
});
/** `initialize` params. */
export type InitializeParams = z.infer<typeof InitializeParamsSchema>;

const CONCURRENCY_ERROR = `concurrency: must be an integer 1..${MAX_AGENT_CONCURRENCY} (tasks the agent runs at once)`;

/** `initialize` result: the agent is Ready. */
export const InitializeResultSchema = z.object({
  /** The AAP version the agent speaks. */
  protocolVersion: z.string().min(1),
  /** The agent implementation. */
  agent: z.object({ name: z.string().min(1), version: z.string().optional() }),
  /** What the agent can do (matched against a task's required capabilities). */
  capabilities: z.array(z.string()),
  /**
   * How many tasks the agent runs at once: the runtime sends up to this many `task/execute` requests before an
   * answer. An integer 1..{@link MAX_AGENT_CONCURRENCY}. Default (absent) `1`.
   */
  concurrency: z
    .number({ error: CONCURRENCY_ERROR })
    .int({ error: CONCURRENCY_ERROR })
    .min(1, { error: CONCURRENCY_ERROR })
    .max(MAX_AGENT_CONCURRENCY, { error: CONCURRENCY_ERROR })
    .optional(),
});
/** `initialize` result. */
export type InitializeResult = z.infer<typeof InitializeResultSchema>;

/** `shutdown` params (runtime → agent request): `{}`. */
export const ShutdownParamsSchema = EmptyParamsSchema;
/** `shutdown` params. */
export type ShutdownParams = z.infer<typeof ShutdownParamsSchema>;
/** `shutdown` result: `{}`, sent once the agent has wound down; stdin closes next. */
export const ShutdownResultSchema = EmptyResultSchema;
/** `shutdown` result. */
export type ShutdownResult = z.infer<typeof ShutdownResultSchema>;

/** `ping` params (either direction): `{}`. */
export const PingParamsSchema = EmptyParamsSchema;
/** `ping` params. */
export type PingParams = z.infer<typeof PingParamsSchema>;
/** `ping` result: the answering side's clock. */
export const PingResultSchema = z.object({ timestamp: TimestampSchema });
/** `ping` result. */
export type PingResult = z.infer<typeof PingResultSchema>;
