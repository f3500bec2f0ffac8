export { ExecutorError, isExecutorError, EXECUTOR_ERROR_CODES } from './errors/executor-error.js';
export type { ExecutorErrorCode, ExecutorErrorOptions } from './errors/executor-error.js';
export { parseDuration } from './delegation/duration.js';
export type { DurationInput } from './delegation/duration.js';
export {
  TaskDelegationSchema,
  OutputFormatSchema,
  BoundariesSchema,
  DurationSchema,
  DEFAULT_MAX_TOOL_CALLS,
  DEFAULT_TASK_TIMEOUT_MS,
} from './delegation/schema.js';
export type { TaskDelegationInput, OutputFormat, Boundaries } from './delegation/schema.js';
export { parseDelegation } from './delegation/parse.js';
export { TaskDelegationBuilder } from './delegation/builder.js';
export { DELEGATION_TEMPLATES } from './delegation/templates.js';
export type { TemplateDefaults, TemplateName } from './delegation/templates.js';
export { TaskDelegation } from './delegation/task-delegation.js';
export { StatisticsCollector, DURATION_WINDOW } from './stats/statistics.js';
export type { ExecutorStatistics, TaskOutcome } from './stats/statistics.js';
export { percentile } from './stats/percentile.js';
export { digestArguments } from './audit/digest.js';
export { JsonlAuditLog } from './audit/audit-log.js';
export type { ToolCallAuditRecord, ToolCallOutcome } from './audit/record.js';
export { runSlidingWindow } from './parallel/sliding-window.js';
export type { SlidingWindowOptions } from './parallel/sliding-window.js';
