// The stable surface of @axon/core. Building blocks (queue, breaker, config pieces, lead-agent parts) are in
// `@axon/core/internals` (src/internals.ts), which is not covered by semver.

// Runtime
export { AgentRuntime } from './runtime/agent-runtime.js';
export type { RuntimeState } from './runtime/guards.js';
export type { SpawnAgentOptions, RuntimeAgentInfo, RuntimeAgentStatus } from './runtime/agent-record.js';
export type { ShutdownOptions, ShutdownReport } from './runtime/shutdown.js';
export type { RuntimeStatistics } from './stats/runtime-statistics.js';

// Telemetry
export { instrumentRuntime } from './telemetry/metrics.js';
export type { InstrumentedRuntime } from './telemetry/metrics.js';

// Worker pool
export { AgentTypeSpecSchema } from './pool/agent-type.js';
export type { AgentTypeSpec, AgentTypeSpecInput } from './pool/agent-type.js';
export type { SubmitOptions } from './pool/worker-pool.js';

// Configuration
export { RuntimeConfigSchema } from './config/schema.js';
export type { RuntimeConfig, RuntimeConfigInput } from './config/schema.js';
export { loadConfig, findConfigFile, CONFIG_FILE_NAMES } from './config/load.js';
export { redactSecrets, isSecretKey, REDACTED, SECRET_KEY_PATTERN } from './config/redact.js';
export type { LoadConfigOptions } from './config/load.js';
export { parseRuntimeConfig } from './config/validate.js';
export type { ConfigIssue, ConfigSources } from './config/validate.js';
export { runtimeConfigJsonSchema } from './config/json-schema.js';

// Errors
export { RuntimeError, isRuntimeError } from './errors/runtime-error.js';
export type { RuntimeErrorOptions } from './errors/runtime-error.js';
export { RUNTIME_ERROR_CODES } from './errors/codes.js';
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
  BusDeniedEvent,
} from './bus/events.js';
export { busGrantFor, mayPublish, maySubscribe } from './bus/access.js';
export type { BusGrant, EffectiveBusGrant } from './bus/access.js';
export type { BusSender } from './bus/agent-bridge.js';

// Lead agent
export { LeadAgent } from './lead/lead-agent.js';
export type { LeadAgentOptions } from './lead/lead-agent.js';
export { LeadAgentWithRuntime } from './lead/lead-agent-with-runtime.js';
export type { LeadRuntime, QueryResult, HandleQueryOptions } from './lead/lead-agent-with-runtime.js';
export type { ComplexityEstimate, ComplexityLevel } from './lead/complexity.js';
export type { Planner, Plan, PlanRequest } from './lead/planner.js';
export { StrategyPlanner } from './lead/strategy-planner.js';
export type { StrategyPlannerOptions } from './lead/strategy-planner.js';
export { BUILTIN_STRATEGIES } from './lead/strategies.js';
export type { Strategy, StrategyFacet } from './lead/strategies.js';
export type {
  SynthesizedResult,
  WorkerResult,
  WorkerUsage,
  QualityMetrics,
  DelegationOutcome,
} from './lead/synthesizer.js';
export type { Finding, ParsedOutput } from './lead/output-parsing.js';
