import type * as OtelApi from '@opentelemetry/api';
import { AgentError, isAgentError } from '../errors/agent-error.js';
import type { TaskExecuteParams, TaskExecuteResult, TaskUsage } from '../protocol/schemas/task.js';
import type { ToolsCallResult, ToolsListResult } from '../protocol/schemas/tools.js';
import { defineLazySignal, type LazyAbort } from '../rpc/lazy-abort.js';
import type { JsonRpcPeer } from '../rpc/peer.js';
import type { BusClient } from './bus.js';
import { taskCancelled, taskFailure } from './failure.js';
import type { AgentBus, AgentIdentity, RunAgentOptions, TaskContext } from './types.js';

// `@opentelemetry/api` takes about 25 ms to load, most of an agent's start-up: it is loaded with the first task that
// carries trace headers (the runtime sends them only when it records a trace), not when the SDK starts.
let otel: Promise<typeof OtelApi> | undefined;
const loadOtel = () => (otel ??= import('@opentelemetry/api'));

async function inTraceContext<T>(trace: NonNullable<TaskExecuteParams['trace']>, run: () => T): Promise<T> {
  const { context, propagation, ROOT_CONTEXT } = await loadOtel();
  return context.with(propagation.extract(ROOT_CONTEXT, trace), run);
}

/** A running task: its id and how to cancel it. */
export interface ActiveTask {
  taskId: string;
  /** Its abort flag (the `AbortSignal` behind `ctx.signal` is only created when the task reads it). */
  controller: LazyAbort;
  /** Settles when the task's answer is ready. */
  done: Promise<unknown>;
}

/** Cancels `task` with an `AgentError` `CANCELLED` as the signal's reason. */
export function cancelTask(task: ActiveTask, reason: string): void {
  if (!task.controller.aborted) {
    task.controller.abort(
      new AgentError('CANCELLED', `task ${task.taskId} cancelled: ${reason}`, {
        data: { taskId: task.taskId, reason },
      }),
    );
  }
}

function reasonOf(controller: LazyAbort): string {
  const r: unknown = controller.reason;
  if (isAgentError(r) && typeof r.data?.reason === 'string') return r.data.reason;
  return r instanceof Error ? r.message : String(r);
}

function combine(a: AbortSignal, b: AbortSignal | undefined): AbortSignal {
  return b === undefined ? a : AbortSignal.any([a, b]);
}

function addUsage(total: TaskUsage, more: TaskUsage): void {
  if (more.tokensUsed !== undefined) total.tokensUsed = (total.tokensUsed ?? 0) + more.tokensUsed;
  if (more.costCents !== undefined) total.costCents = (total.costCents ?? 0) + more.costCents;
}

/** A task's view of the bus, made on first use: most tasks never touch the bus. */
class TaskBus {
  private view: ReturnType<BusClient['scoped']> | undefined;
  constructor(private readonly client: BusClient) {}
  get bus(): AgentBus {
    return (this.view ??= this.client.scoped());
  }
  dispose(): void {
    if (this.view !== undefined) void this.view.dispose();
  }
}

const TASK_BUS = Symbol('axon.taskBus');
/** One getter shared by every context (a per-object accessor closure costs a hidden class per task; see `defineLazySignal`). */
const BUS_PROPERTY: PropertyDescriptor = {
  get(this: { [TASK_BUS]: TaskBus }): AgentBus {
    return this[TASK_BUS].bus;
  },
  enumerable: true,
  configurable: true,
};

function defineTaskBus<T extends object>(target: T, bus: TaskBus): T & { readonly bus: AgentBus } {
  Object.defineProperty(target, TASK_BUS, { value: bus });
  Object.defineProperty(target, 'bus', BUS_PROPERTY);
  return target as T & { readonly bus: AgentBus };
}

/** Builds the task's context, runs `execute`, and maps the outcome to a result or an `RpcError` answer. */
export async function runTask(
  params: TaskExecuteParams,
  deps: {
    peer: JsonRpcPeer;
    bus: BusClient;
    identity: AgentIdentity;
    execute: RunAgentOptions['execute'];
    controller: LazyAbort;
  },
): Promise<TaskExecuteResult> {
  const { peer, controller } = deps;
  const { taskId } = params.task;
  const usage: TaskUsage = {};
  let usageReported = false;
  const busView = new TaskBus(deps.bus);
  const listTools = (signal: AbortSignal | undefined) =>
    peer.request<ToolsListResult>('tools/list', { taskId }, { signal: combine(controller.signal, signal) });
  const fields: Omit<TaskContext, 'signal' | 'bus'> = {
    taskId,
    attempt: params.attempt,
    previousCheckpoint: params.checkpoint,
    traceparent: params.trace?.traceparent,
    tracestate: params.trace?.tracestate,
    agent: deps.identity,
    tools: {
      list: async (o = {}) => (await listTools(o.signal)).tools,
      listDetailed: async (o = {}) => {
        const { tools, unavailable = [] } = await listTools(o.signal);
        return { tools, unavailable };
      },
      call: (name, args, o = {}) =>
        peer.request<ToolsCallResult>(
          'tools/call',
          args === undefined ? { taskId, name } : { taskId, name, arguments: args },
          {
            signal: combine(controller.signal, o.signal),
            timeout: o.timeout ?? 0,
          },
        ),
    },
    progress: (progress, message) => {
      if (!(progress >= 0 && progress <= 1)) {
        throw new AgentError('INVALID_ARGUMENT', `ctx.progress: progress must be a fraction in 0..1, got ${progress}`, {
          data: { field: 'progress' },
        });
      }
      peer.notify('task/progress', message === undefined ? { taskId, progress } : { taskId, progress, message });
    },
    checkpoint: (data) => peer.notify('task/checkpoint', { taskId, data }),
    reportUsage: (u) => {
      usageReported = true;
      addUsage(usage, u);
    },
    log: (level, message, data) =>
      peer.notify('log', data === undefined ? { level, message, taskId } : { level, message, data, taskId }),
  };
  const ctx: TaskContext = defineTaskBus(defineLazySignal(fields, controller), busView);
  try {
    const output = await (params.trace
      ? inTraceContext(params.trace, () => deps.execute(params.task, ctx))
      : deps.execute(params.task, ctx));
    if (controller.aborted) throw taskCancelled(taskId, reasonOf(controller));
    return usageReported ? { output: output ?? null, usage } : { output: output ?? null };
  } catch (e) {
    if (controller.aborted) throw taskCancelled(taskId, reasonOf(controller));
    throw taskFailure(taskId, e);
  } finally {
    busView.dispose();
  }
}
