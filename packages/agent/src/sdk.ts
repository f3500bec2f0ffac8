/**
 * `@axon/agent/sdk`: what an agent process needs (`runAgent`, the peer, the errors), without the zod schemas.
 * An agent that imports this entry instead of `@axon/agent` starts tens of milliseconds faster, because it never
 * loads zod; the peer validates every message with the same rules either way.
 */
export { AAP_PROTOCOL_VERSION } from './protocol/version.js';
export { AapErrorCode, aapErrorName } from './protocol/error-codes.js';
export type { AapErrorCodeName, AapErrorCodeValue } from './protocol/error-codes.js';
export type { AgentLimits } from './protocol/schemas/lifecycle.js';
export type { Task, TaskExecuteResult, TaskUsage } from './protocol/schemas/task.js';
export type { ToolInfo, ToolsCallResult, UnavailableServer } from './protocol/schemas/tools.js';
export type { LogLevel } from './protocol/schemas/telemetry.js';
export { AgentError, PeerClosedError, isAgentError } from './errors/agent-error.js';
export type { AgentErrorCode, AgentErrorOptions } from './errors/agent-error.js';
export { RpcError, isRpcError } from './rpc/rpc-error.js';
export { JsonRpcPeer } from './rpc/peer.js';
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
