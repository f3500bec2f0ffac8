export { AAP_PROTOCOL_VERSION, AAP_SUPPORTED_VERSIONS, isSupportedAapVersion } from './protocol/version.js';
export {
  parseDuration,
  DurationSchema,
  DURATION_PATTERN,
  MAX_DURATION_MS,
  durationTooLong,
} from './protocol/duration.js';
export type { DurationInput } from './protocol/duration.js';
export { AapErrorCode, aapErrorName } from './protocol/error-codes.js';
export type { AapErrorCodeName, AapErrorCodeValue } from './protocol/error-codes.js';
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
export { AgentError, PeerClosedError, isAgentError } from './errors/agent-error.js';
export type { AgentErrorCode, AgentErrorOptions } from './errors/agent-error.js';
export { RpcError, isRpcError } from './rpc/rpc-error.js';
export { JsonRpcPeer } from './rpc/peer.js';
export { LineSplitter } from './rpc/line-splitter.js';
export type { LineSplitterOptions } from './rpc/line-splitter.js';
export type { ParamsOf } from './rpc/peer.js';
export type { RpcId } from './rpc/classify.js';
export type {
  JsonRpcPeerOptions,
  NotificationHandler,
  PeerStats,
  ProtocolErrorEvent,
  RequestContext,
  RequestHandler,
  RequestOptions,
} from './rpc/types.js';
export { runAgent } from './sdk/runAgent.js';
export type {
  AgentBus,
  AgentIdentity,
  AgentTools,
  BusMessage,
  RunAgentOptions,
  RunningAgent,
  TaskContext,
} from './sdk/types.js';
