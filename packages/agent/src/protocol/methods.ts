import type { z } from 'zod';
import {
  BusMessageParamsSchema,
  BusPublishParamsSchema,
  BusSubscribeParamsSchema,
  BusSubscribeResultSchema,
  BusUnsubscribeParamsSchema,
  BusUnsubscribeResultSchema,
} from './schemas/bus.js';
import {
  InitializeParamsSchema,
  InitializeResultSchema,
  PingParamsSchema,
  PingResultSchema,
  ShutdownParamsSchema,
  ShutdownResultSchema,
} from './schemas/lifecycle.js';
import {
  TaskCancelParamsSchema,
  TaskCheckpointParamsSchema,
  TaskExecuteParamsSchema,
  TaskExecuteResultSchema,
  TaskProgressParamsSchema,
} from './schemas/task.js';
import { HeartbeatParamsSchema, LogParamsSchema } from './schemas/telemetry.js';
import {
  ToolsCallParamsSchema,
  ToolsCallResultSchema,
  ToolsListParamsSchema,
  ToolsListResultSchema,
} from './schemas/tools.js';

/** Who sends a message. */
export type AapDirection = 'runtime-to-agent' | 'agent-to-runtime' | 'either';

/** One row of the method table. */
export interface AapMethodSpec {
  /** A request expects an answer; a notification does not. */
  readonly kind: 'request' | 'notification';
  /** Who sends it. */
  readonly direction: AapDirection;
  /** Schema of `params` (omitted params are validated as `{}`). */
  readonly params: z.ZodType;
  /** Schema of `result` (requests only). */
  readonly result?: z.ZodType;
}

const request = <P extends z.ZodType, R extends z.ZodType>(direction: AapDirection, params: P, result: R) =>
  ({ kind: 'request', direction, params, result }) as const;
const notification = <P extends z.ZodType>(direction: AapDirection, params: P) =>
  ({ kind: 'notification', direction, params }) as const;

/**
 * The AAP method table: every message of the protocol with its kind, direction and schemas. `JsonRpcPeer`
 * validates incoming params (and results of its own requests) against it.
 */
export const AAP_METHODS = {
  initialize: request('runtime-to-agent', InitializeParamsSchema, InitializeResultSchema),
  'task/execute': request('runtime-to-agent', TaskExecuteParamsSchema, TaskExecuteResultSchema),
  'task/cancel': notification('runtime-to-agent', TaskCancelParamsSchema),
  shutdown: request('runtime-to-agent', ShutdownParamsSchema, ShutdownResultSchema),
  ping: request('either', PingParamsSchema, PingResultSchema),
  'tools/list': request('agent-to-runtime', ToolsListParamsSchema, ToolsListResultSchema),
  'tools/call': request('agent-to-runtime', ToolsCallParamsSchema, ToolsCallResultSchema),
  heartbeat: notification('agent-to-runtime', HeartbeatParamsSchema),
  'task/progress': notification('agent-to-runtime', TaskProgressParamsSchema),
  'task/checkpoint': notification('agent-to-runtime', TaskCheckpointParamsSchema),
  log: notification('agent-to-runtime', LogParamsSchema),
  'bus/publish': notification('agent-to-runtime', BusPublishParamsSchema),
  'bus/subscribe': request('agent-to-runtime', BusSubscribeParamsSchema, BusSubscribeResultSchema),
  'bus/unsubscribe': request('agent-to-runtime', BusUnsubscribeParamsSchema, BusUnsubscribeResultSchema),
  'bus/message': notification('runtime-to-agent', BusMessageParamsSchema),
} as const satisfies Record<string, AapMethodSpec>;

/** The type of the method table {@link AAP_METHODS}. */
export type Methods = typeof AAP_METHODS;
/** Every AAP method name. */
export type AapMethod = keyof Methods;
/** AAP methods that are requests. */
export type AapRequestMethod = { [M in AapMethod]: Methods[M]['kind'] extends 'request' ? M : never }[AapMethod];
/** AAP methods that are notifications. */
export type AapNotificationMethod = Exclude<AapMethod, AapRequestMethod>;
/** The params type of an AAP method (as validated). */
export type AapParams<M extends AapMethod> = z.output<Methods[M]['params']>;
/** The result type of an AAP request (as received, after validation). */
export type AapResult<M extends AapRequestMethod> = Methods[M] extends { result: infer R extends z.ZodType }
  ? z.output<R>
  : never;

/** What a handler for request `M` may return (before defaults are applied). */
export type AapResultInput<M extends AapRequestMethod> = Methods[M] extends { result: infer R extends z.ZodType }
  ? z.input<R>
  : never;

/** The table row of `method`, or `undefined` when it is not an AAP method. */
export function getAapMethod(method: string): AapMethodSpec | undefined {
  return Object.prototype.hasOwnProperty.call(AAP_METHODS, method)
    ? (AAP_METHODS as Record<string, AapMethodSpec>)[method]
    : undefined;
}
