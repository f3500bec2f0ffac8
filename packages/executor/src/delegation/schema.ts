import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DurationSchema } from '@axon/agent';

/** Default tool-call budget of a delegation (the executor further caps it at `maxToolCallsPerTask`). */
export const DEFAULT_MAX_TOOL_CALLS = 50;
/** Default timeout of a delegation, in ms (the executor further caps it at `maxTaskDuration`). */
export const DEFAULT_TASK_TIMEOUT_MS = 300_000;

const nonEmpty = z.string().trim().min(1);

/** The shape the agent's answer should take. */
export const OutputFormatSchema = z.object({
  /** Kind of output, e.g. `markdown`, `json`, `text`, `code`. Default `markdown`. */
  formatType: nonEmpty.default('markdown'),
  /** Sections the output must contain. Default none. */
  requiredSections: z.array(nonEmpty).default([]),
  /** Sections the output may contain. Default none. */
  optionalSections: z.array(nonEmpty).default([]),
  /** A JSON Schema the output should satisfy (for `json` output). */
  schema: z.record(z.string(), z.unknown()).optional(),
});

/** What the agent may do and for how long. */
export const BoundariesSchema = z.object({
  /** What the task covers (files, modules, topics); at least one entry. */
  scope: z.array(nonEmpty).min(1, 'scope must name at least one item'),
  /** Rules the agent must keep. Default none. */
  constraints: z.array(nonEmpty).default([]),
  /** Tool-call budget, > 0. Default {@link DEFAULT_MAX_TOOL_CALLS}. */
  maxToolCalls: z.number().int().positive().default(DEFAULT_MAX_TOOL_CALLS),
  /** Deadline of the task: ms or `"120s"`-style; parsed to ms, > 0. Default 300 s. */
  timeout: DurationSchema.pipe(z.number().positive()).default(DEFAULT_TASK_TIMEOUT_MS),
});

/** A task handed to an agent: what to do, in what shape, with which tools, within which limits. */
export const TaskDelegationSchema = z.object({
  /** Unique id of the task. Generated (a UUID) when absent. */
  taskId: nonEmpty.default(() => randomUUID()),
  /** What the agent must achieve. */
  objective: nonEmpty,
  /** Expected output shape. Default `{ formatType: 'markdown' }` with no sections. */
  outputFormat: OutputFormatSchema.default({ formatType: 'markdown', requiredSections: [], optionalSections: [] }),
  /** Tools the agent may call; empty = every tool the runtime's policy allows. Default empty. */
  allowedTools: z.array(nonEmpty).default([]),
  /** Scope, constraints, tool budget and timeout. */
  boundaries: BoundariesSchema,
  /** 1 (lowest) to 10 (highest). Default 5. */
  priority: z.number().int().min(1).max(10).default(5),
  /** Capabilities the agent must have. Default none. */
  requiredCapabilities: z.array(nonEmpty).default([]),
  /** Free-form context handed to the agent. Default `{}`. */
  context: z.record(z.string(), z.unknown()).default({}),
});

/** A delegation as callers write it (optional fields, `"120s"` durations). */
export type TaskDelegationInput = z.input<typeof TaskDelegationSchema>;
/** A validated delegation: defaults filled, `boundaries.timeout` in ms. */
export type TaskDelegation = z.output<typeof TaskDelegationSchema>;
/** The expected output shape of a delegation. */
export type OutputFormat = z.output<typeof OutputFormatSchema>;
/** The boundaries of a delegation. */
export type Boundaries = z.output<typeof BoundariesSchema>;
