import { TaskDelegationBuilder } from './builder.js';
import { parseDelegation } from './parse.js';
import { TaskDelegationSchema, type TaskDelegation as TaskDelegationData } from './schema.js';
import { fromTemplate } from './templates.js';

/** A validated task delegation: defaults filled, `boundaries.timeout` in ms. */
export type TaskDelegation = TaskDelegationData;

/** Entry points for delegations: a builder, the seed's templates, validation. */
export const TaskDelegation = {
  /** The zod schema (input: optional fields and `"120s"` durations; output: {@link TaskDelegation}). */
  schema: TaskDelegationSchema,
  /** An empty fluent builder. */
  builder: (): TaskDelegationBuilder => new TaskDelegationBuilder(),
  /** Code review template: priority 7, 10 tool calls, 60 s. */
  codeReview: (): TaskDelegationBuilder => fromTemplate('codeReview'),
  /** Bug investigation template: priority 9, 15 tool calls, 120 s. */
  bugInvestigation: (): TaskDelegationBuilder => fromTemplate('bugInvestigation'),
  /** Research template: priority 5, 20 tool calls, 180 s. */
  research: (): TaskDelegationBuilder => fromTemplate('research'),
  /** Validates plain input; throws `INVALID_DELEGATION` naming the field. */
  parse: parseDelegation,
} as const;
