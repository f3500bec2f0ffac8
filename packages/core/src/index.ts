// Runtime
export { AgentRuntime, RUNTIME_MCP_KEY } from './runtime/agent-runtime.js';
export type { RuntimeState } from './runtime/guards.js';
export type { SpawnAgentOptions, RuntimeAgentInfo, RuntimeAgentStatus } from './runtime/agent-record.js';
export type { ShutdownOptions, ShutdownReport } from './runtime/shutdown.js';
export type { RuntimeStatistics } from './stats/runtime-statistics.js';

// Worker pool
export { AgentTypeSpecSchema, parseAgentType } from './pool/agent-type.js';
export type { AgentTypeSpec, AgentTypeSpecInput } from './pool/agent-type.js';
export type { SubmitOptions } from './pool/worker-pool.js';
export { PriorityQueue } from './queue/priority-queue.js';

// Configuration
export {
  RuntimeConfigSchema,
  ProcessConfigSchema,
  ResourcesConfigSchema,
  McpConfigSchema,
  MonitoringConfigSchema,
  RecoveryConfigSchema,
  configFieldList,
} from './config/schema.js';
export type { RuntimeConfig, RuntimeConfigInput, ConfigSectionName, ConfigFieldEntry } from './config/schema.js';
export type { FieldInfo, FieldKind } from './config/fields.js';
export { loadConfig, findConfigFile, readConfigFile, mergeConfig, CONFIG_FILE_NAMES } from './config/load.js';
export type { LoadConfigOptions } from './config/load.js';
export { parseRuntimeConfig } from './config/validate.js';
export type { ConfigIssue, ConfigSources } from './config/validate.js';
export { configFromEnv, envBindings } from './config/env.js';
export type { EnvBinding, EnvConfig } from './config/env.js';
export { runtimeConfigJsonSchema, CONFIG_SCHEMA_ID } from './config/json-schema.js';
export { parseSize, formatDuration, formatSize } from './config/units.js';

// Errors
export { RuntimeError, isRuntimeError, toRuntimeError } from './errors/runtime-error.js';
export type { RuntimeErrorOptions } from './errors/runtime-error.js';
export {
  RUNTIME_ERROR_CODES,
  CORE_ERROR_CODES,
  PROCESS_ERROR_CODES,
  MCP_ERROR_CODES,
  EXECUTOR_ERROR_CODES,
} from './errors/codes.js';
export type { RuntimeErrorCode, ErrorLayer } from './errors/codes.js';

// Message bus
export { MessageBus } from './bus/message-bus.js';
export type { MessageBusOptions, EventListener } from './bus/message-bus.js';
export { EventStream } from './bus/event-stream.js';
export type { EventStreamOptions } from './bus/event-stream.js';
export type { EventFilter, EventSelector } from './bus/filter.js';
export type {
  RuntimeEvent,
  RuntimeEventPayload,
  RuntimeEventType,
  EventCategory,
  EventStamp,
  LifecycleEvent,
  TaskEvent,
  ToolCallEvent,
  HealthEvent,
  RecoveryEvent,
  TopicMessageEvent,
} from './bus/events.js';

// Recovery
export { Breaker } from './recovery/breaker.js';
export type { BreakerOptions, BreakerState } from './recovery/breaker.js';
export { shouldRetry } from './recovery/retry-policy.js';
export type { RetryPolicy } from './recovery/retry-policy.js';

// Lead agent
export { LeadAgent } from './lead/lead-agent.js';
export type { LeadAgentOptions } from './lead/lead-agent.js';
export { LeadAgentWithRuntime } from './lead/lead-agent-with-runtime.js';
export type { LeadRuntime, QueryResult, HandleQueryOptions } from './lead/lead-agent-with-runtime.js';
export { estimateComplexity, extractPaths } from './lead/complexity.js';
export type { ComplexityEstimate, ComplexityLevel } from './lead/complexity.js';
export type { Planner, Plan, PlanRequest } from './lead/planner.js';
export { StrategyPlanner, scoreStrategy } from './lead/strategy-planner.js';
export type { StrategyPlannerOptions } from './lead/strategy-planner.js';
export { BUILTIN_STRATEGIES } from './lead/strategies.js';
export type { Strategy, StrategyFacet } from './lead/strategies.js';
export { synthesize } from './lead/synthesizer.js';
export type {
  SynthesizedResult,
  WorkerResult,
  WorkerUsage,
  QualityMetrics,
  DelegationOutcome,
} from './lead/synthesizer.js';
export { parseOutput } from './lead/output-parsing.js';
export type { Finding, ParsedOutput } from './lead/output-parsing.js';
