import { z } from 'zod';
import { DurationSchema } from '@axon/agent';
import { ExecutorError } from '../errors/executor-error.js';

const toolNames = z.array(z.string().trim().min(1));

/** Configuration of an `AgentExecutor`. Durations are ms (or `"30s"`-style text). */
export const ExecutorConfigSchema = z.object({
  /** Upper bound on any task's tool-call budget. Default 50. */
  maxToolCallsPerTask: z.number().int().positive().default(50),
  /** Upper bound on any task's deadline, ms. Default 300 000 (5 min). */
  maxTaskDuration: DurationSchema.pipe(z.number().positive()).default(300_000),
  /** How long a cancelled task may take to answer before its agent's process tree is stopped, ms. Default 2 000. */
  cancelGracePeriod: DurationSchema.default(2_000),
  /**
   * After a timeout or cancel, whether the agent is stopped only when it did not answer within
   * `cancelGracePeriod` (`'if-unresponsive'`, default) or always (`'always'`, also kills whatever it spawned).
   */
  stopAfterCancel: z.enum(['if-unresponsive', 'always']).default('if-unresponsive'),
  /** Grace between SIGTERM and SIGKILL when the executor stops an agent, ms. Default 1 000. */
  terminateGracePeriod: DurationSchema.default(1_000),
  /** JSONL file (mode 0600) every tool-call attempt is appended to, refused ones included. Default none (events only). */
  auditFile: z.string().min(1).optional(),
  /** Size at which the audit file is rotated to `<auditFile>.1`, bytes. Default 10 485 760 (10 MiB). */
  auditMaxBytes: z
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Rotated audit files kept (`<auditFile>.1` … `.N`); older ones are deleted. Default 5. */
  auditMaxFiles: z.number().int().nonnegative().default(5),
  /**
   * Refused tool-call attempts one task may make (not allowed, over budget, another workspace, wrong task id,
   * malformed, oversized, too deep); the next one fails the task with `TOOL_REFUSAL_LIMIT` and stops its agent.
   * Default 20.
   */
  maxRefusedToolCalls: z.number().int().nonnegative().default(20),
  /** Deepest nesting of a tool call's arguments (objects/arrays); deeper calls are refused. Default 64. */
  maxArgumentDepth: z.number().int().positive().default(64),
  /**
   * Runtime tool policy, applied before a delegation's own allowlist. `allow` (default: every tool) and `deny`
   * (default: none) hold tool names; a trailing `*` matches a prefix (`cortex_*`). `deny` wins.
   */
  toolPolicy: z.object({ allow: toolNames.optional(), deny: toolNames.optional() }).default({}),
  /** How many task checkpoints are kept for retries (oldest dropped first). Default 1 000. */
  maxCheckpoints: z.number().int().positive().default(1_000),
  /**
   * Largest checkpoint kept, bytes of JSON; a larger `task/checkpoint` is refused to the agent (an error answer
   * with `data.code: 'CHECKPOINT_REFUSED'`) and the previous checkpoint is kept. Default 1 MiB.
   */
  maxCheckpointBytes: z
    .number()
    .int()
    .positive()
    .default(1024 ** 2),
  /** Deepest nesting of a checkpoint (arrays and objects); a deeper one is refused like a large one. Default 64. */
  maxCheckpointDepth: z.number().int().positive().max(10_000).default(64),
  /** How many stderr lines of an agent are kept for a crash report. Default 20. */
  stderrTailLines: z.number().int().positive().default(20),
});

/** Executor configuration as callers write it. */
export type ExecutorConfigInput = z.input<typeof ExecutorConfigSchema>;
/** Validated executor configuration. */
export type ExecutorConfig = z.output<typeof ExecutorConfigSchema>;

/** Validates the configuration; throws `INVALID_CONFIG` naming the field. */
export function parseExecutorConfig(input: unknown): ExecutorConfig {
  const r = ExecutorConfigSchema.safeParse(input ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path.map(String).join('.') || '(root)';
  throw new ExecutorError('INVALID_CONFIG', `invalid executor config: ${path}: ${issue?.message ?? 'invalid'}`, {
    cause: r.error,
    data: { path, issues: r.error.issues },
  });
}
