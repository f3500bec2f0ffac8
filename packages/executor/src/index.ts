// The stable surface of @axon/executor; building blocks are in `@axon/executor/internals` (src/internals.ts).
export { ExecutorError, isExecutorError, EXECUTOR_ERROR_CODES } from './errors/executor-error.js';
export type { ExecutorErrorCode, ExecutorErrorOptions } from './errors/executor-error.js';
export {
  TaskDelegationSchema,
  OutputFormatSchema,
  BoundariesSchema,
  DEFAULT_MAX_TOOL_CALLS,
  DEFAULT_TASK_TIMEOUT_MS,
} from './delegation/schema.js';
export type { TaskDelegationInput, OutputFormat, Boundaries } from './delegation/schema.js';
export { parseDelegation, withContext } from './delegation/parse.js';
export { TaskDelegationBuilder } from './delegation/builder.js';
export { DELEGATION_TEMPLATES } from './delegation/templates.js';
export type { TemplateDefaults, TemplateName } from './delegation/templates.js';
export { TaskDelegation } from './delegation/task-delegation.js';
export type { TaskDelegation as TaskDelegationData } from './delegation/schema.js';
export { JsonlAuditLog } from './audit/audit-log.js';
export type { ToolCallAuditRecord, ToolCallOutcome } from './audit/record.js';
export { AgentExecutor } from './executor/agent-executor.js';
export type { ExecuteTaskOptions, ParallelTask } from './executor/agent-executor.js';
export { ExecutorConfigSchema, parseExecutorConfig } from './executor/config.js';
export type { ExecutorConfig, ExecutorConfigInput } from './executor/config.js';
export type { TaskResult } from './executor/result.js';
export type { ExecutorStatistics } from './stats/statistics.js';
export type { ExecutorEvent, ExecutorEventListener } from './executor/events.js';
export type {
  ExecutorProcessManager,
  ExecutorMcpPool,
  AgentFailureLike,
  AgentHandleLike,
  AgentPeerLike,
  ExitInfoLike,
  ProcessEventLike,
  ToolInfoLike,
  ToolListLike,
  ToolResultLike,
  ToolServerFailureLike,
} from './executor/deps.js';
