import type { AapDirection } from '../methods.js';
import { MAX_AGENT_CONCURRENCY } from '../concurrency.js';
import { arr, bool, type Check, num, obj, oneOf, optional, record, str, unknown, withDefault } from './check.js';

/** One row of the guard table: the zod-free twin of an `AAP_METHODS` row. */
export interface AapGuard {
  readonly kind: 'request' | 'notification';
  readonly direction: AapDirection;
  readonly params: Check;
  readonly result?: Check;
}

const id = str(1);
const nonEmpty = str(1);
const timestamp = num({ int: true, min: 0 });
const empty = obj({});
const task = obj({ taskId: id, objective: str() }, true);
const limits = obj(
  {
    maxMemoryBytes: optional(num({ min: 0 })),
    cpuLimitPercent: optional(num({ min: 0 })),
    maxFileDescriptors: optional(num({ int: true, min: 0 })),
    maxOutputSizeBytes: optional(num({ min: 0 })),
    maxTaskDuration: optional(num({ min: 0 })),
    maxToolCallsPerTask: optional(num({ int: true, min: 0 })),
  },
  true,
);
const toolInfo = obj({ name: nonEmpty, description: optional(str()), inputSchema: optional(record) });
const unavailableServer = obj({ server: nonEmpty, code: str(), message: str() });
const logLevel = oneOf(['debug', 'info', 'warn', 'error']);

const request = (direction: AapDirection, params: Check, result: Check): AapGuard => ({
  kind: 'request',
  direction,
  params,
  result,
});
const notification = (direction: AapDirection, params: Check): AapGuard => ({
  kind: 'notification',
  direction,
  params,
});

/** Mirrors `AAP_METHODS` (protocol/methods.ts) field by field; test/protocol/guards.test.ts keeps them in step. */
const AAP_GUARDS: Record<string, AapGuard> = {
  initialize: request(
    'runtime-to-agent',
    obj({
      protocolVersion: nonEmpty,
      agent: obj({ id, name: nonEmpty, type: nonEmpty }),
      heartbeatIntervalMs: num({ int: true, min: 0 }),
      limits: optional(limits),
      config: optional(record),
    }),
    obj({
      protocolVersion: nonEmpty,
      agent: obj({ name: nonEmpty, version: optional(str()) }),
      capabilities: arr(str()),
      concurrency: optional(num({ int: true, min: 1, max: MAX_AGENT_CONCURRENCY })),
    }),
  ),
  'task/execute': request(
    'runtime-to-agent',
    obj({
      task,
      attempt: num({ int: true, gt: 0 }),
      checkpoint: optional(unknown),
      trace: optional(obj({ traceparent: nonEmpty, tracestate: optional(str()) })),
    }),
    obj({
      output: unknown,
      usage: optional(obj({ tokensUsed: optional(num({ int: true, min: 0 })), costCents: optional(num({ min: 0 })) })),
    }),
  ),
  'task/cancel': notification('runtime-to-agent', obj({ taskId: id, reason: optional(str()) })),
  shutdown: request('runtime-to-agent', empty, empty),
  ping: request('either', empty, obj({ timestamp })),
  'tools/list': request(
    'agent-to-runtime',
    obj({ taskId: id }),
    obj({ tools: arr(toolInfo), unavailable: optional(arr(unavailableServer)) }),
  ),
  'tools/call': request(
    'agent-to-runtime',
    obj({ taskId: id, name: nonEmpty, arguments: optional(record) }),
    obj({ content: arr(unknown), structuredContent: optional(unknown), isError: withDefault(bool, false) }),
  ),
  heartbeat: notification('agent-to-runtime', obj({ timestamp, state: oneOf(['idle', 'busy']), taskId: optional(id) })),
  'task/progress': notification(
    'agent-to-runtime',
    obj({ taskId: id, progress: optional(num({ min: 0, max: 1 })), message: optional(str()) }),
  ),
  'task/checkpoint': notification('agent-to-runtime', obj({ taskId: id, data: unknown })),
  log: notification(
    'agent-to-runtime',
    obj({ level: logLevel, message: str(), data: optional(unknown), taskId: optional(id) }),
  ),
  'bus/publish': notification('agent-to-runtime', obj({ topic: id, payload: unknown })),
  'bus/subscribe': request('agent-to-runtime', obj({ topic: id }), obj({ subscriptionId: id })),
  'bus/unsubscribe': request('agent-to-runtime', obj({ subscriptionId: id }), empty),
  'bus/message': notification(
    'runtime-to-agent',
    obj({
      topic: id,
      payload: unknown,
      from: optional(str()),
      sender: optional(obj({ agentId: str(), name: str(), type: str() })),
      subscriptionId: optional(id),
    }),
  ),
};

/** The guard row of `method`, or `undefined` when it is not an AAP method. */
export function getAapGuard(method: string): AapGuard | undefined {
  return Object.prototype.hasOwnProperty.call(AAP_GUARDS, method) ? AAP_GUARDS[method] : undefined;
}

/** Every method with a guard (for the conformance test). */
export const AAP_GUARDED_METHODS: readonly string[] = Object.keys(AAP_GUARDS);
