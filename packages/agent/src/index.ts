// Everything an agent process needs (runAgent, the peer, the errors) is the `./sdk` entry; the root adds the schemas.
export * from './sdk.js';
export { AAP_SUPPORTED_VERSIONS, isSupportedAapVersion } from './protocol/version.js';
export {
  parseDuration,
  DurationSchema,
  DURATION_PATTERN,
  MAX_DURATION_MS,
  durationTooLong,
} from './protocol/duration.js';
export type { DurationInput } from './protocol/duration.js';
export { AAP_METHODS, getAapMethod } from './protocol/methods.js';
export type {
  AapDirection,
  AapMethod,
  AapMethodSpec,
  AapNotificationMethod,
  AapParams,
  AapRequestMethod,
  AapResult,
  AapResultInput,
  Methods,
} from './protocol/methods.js';
export {
  AgentLimitsSchema,
  InitializeParamsSchema,
  InitializeResultSchema,
  PingParamsSchema,
  PingResultSchema,
  ShutdownParamsSchema,
  ShutdownResultSchema,
} from './protocol/schemas/lifecycle.js';
export { MAX_AGENT_CONCURRENCY } from './protocol/concurrency.js';
export type {
  AgentLimits,
  InitializeParams,
  InitializeResult,
  PingParams,
  PingResult,
  ShutdownParams,
  ShutdownResult,
} from './protocol/schemas/lifecycle.js';
export {
  TaskCancelParamsSchema,
  TaskCheckpointParamsSchema,
  TaskExecuteParamsSchema,
  TaskExecuteResultSchema,
  TaskFailureDataSchema,
  TaskProgressParamsSchema,
  TaskSchema,
  TaskUsageSchema,
} from './protocol/schemas/task.js';
export type {
  Task,
  TaskCancelParams,
  TaskCheckpointParams,
  TaskExecuteParams,
  TaskExecuteResult,
  TaskFailureData,
  TaskProgressParams,
  TaskUsage,
} from './protocol/schemas/task.js';
export {
  ToolInfoSchema,
  ToolsCallParamsSchema,
  ToolsCallResultSchema,
  ToolsListParamsSchema,
  ToolsListResultSchema,
  UnavailableServerSchema,
} from './protocol/schemas/tools.js';
export type {
  ToolInfo,
  ToolsCallParams,
  ToolsCallResult,
  ToolsListParams,
  ToolsListResult,
  UnavailableServer,
} from './protocol/schemas/tools.js';
export { HeartbeatParamsSchema, LogLevelSchema, LogParamsSchema } from './protocol/schemas/telemetry.js';
export type { HeartbeatParams, LogLevel, LogParams } from './protocol/schemas/telemetry.js';
export {
  BusMessageParamsSchema,
  BusPublishParamsSchema,
  BusSubscribeParamsSchema,
  BusSubscribeResultSchema,
  BusUnsubscribeParamsSchema,
  BusUnsubscribeResultSchema,
} from './protocol/schemas/bus.js';
export type {
  BusMessageParams,
  BusPublishParams,
  BusSubscribeParams,
  BusSubscribeResult,
  BusUnsubscribeParams,
  BusUnsubscribeResult,
} from './protocol/schemas/bus.js';
export { LineSplitter } from './rpc/line-splitter.js';
export type { LineSplitterOptions } from './rpc/line-splitter.js';
export type { ParamsOf } from './rpc/peer.js';
