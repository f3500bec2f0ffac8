import {
  withContext,
  type AgentExecutor,
  type TaskDelegation,
  type TaskDelegationInput,
  type TaskResult,
} from '@axon/executor';
import type { MessageBus } from '../bus/message-bus.js';
import { RuntimeError, toRuntimeError } from '../errors/runtime-error.js';
import type { RuntimeCounters } from '../stats/runtime-statistics.js';
import type { AgentRecord } from './agent-record.js';

/**
 * The Cortex workspace a task's tool calls act on, decided by the runtime: the agent's own (`spawnAgent`'s
 * `workspaceId`), else the task's `context.workspaceId`, else `fallback`. A task naming another workspace than its
 * agent's fails with `INVALID_DELEGATION`. The agent receives the task with `context.workspaceId` set to it.
 */
export function taskWorkspace(rec: AgentRecord, task: TaskDelegation | TaskDelegationInput, fallback: string): string {
  const context = task.context;
  const named =
    typeof context === 'object' && context !== null && typeof context.workspaceId === 'string'
      ? context.workspaceId
      : undefined;
  const own = rec.options.workspaceId;
  if (own !== undefined && named !== undefined && named !== own) {
    throw new RuntimeError(
      'INVALID_DELEGATION',
      `context.workspaceId: task ${task.taskId ?? '(new)'} names Cortex workspace "${named}", but agent ${rec.id} is bound to "${own}"`,
      { layer: 'core', data: { path: 'context.workspaceId', agentId: rec.id, taskId: task.taskId } },
    );
  }
  return own ?? named ?? fallback;
}

/** A task run directly on an agent (`executeTask`), tracked so that shutdown can drain or cancel it. */
export interface DirectRun {
  controller: AbortController;
  done: Promise<unknown>;
}

/**
 * Runs task attempts on agents through the executor, keeping the agents' counters and the task events. Claims are
 * the executor's: it takes the agent synchronously when an attempt starts, and answers who has a free slot.
 */
export class TaskRunner {
  /** Direct runs in flight. */
  readonly direct = new Set<DirectRun>();

  constructor(
    private readonly executor: AgentExecutor,
    private readonly bus: MessageBus,
    private readonly counters: RuntimeCounters,
    /** Workspace of tasks whose agent and context name none (`security.defaultWorkspace`). */
    private readonly defaultWorkspace: string,
  ) {}

  /** One attempt of a task on an agent; failures become `RuntimeError`s (the caller decides about retries). */
  async attempt(
    rec: AgentRecord,
    task: TaskDelegation | TaskDelegationInput,
    opts: { attempt?: number; resume?: boolean; checkpoint?: unknown; signal: AbortSignal },
  ): Promise<TaskResult> {
    try {
      const workspaceId = taskWorkspace(rec, task, this.defaultWorkspace);
      // The agent is told where its memory calls go: the runtime's choice, in the task's context.
      const context = typeof task.context === 'object' && task.context !== null ? task.context : {};
      const pinned = context.workspaceId === workspaceId ? task : withContext(task, { ...context, workspaceId });
      const result = await this.executor.executeTask(rec.id, pinned, { ...opts, workspaceId });
      rec.tasksCompleted++;
      rec.restarts = 0;
      return result;
    } catch (e) {
      rec.tasksFailed++;
      throw toRuntimeError(e, 'TASK_FAILED', { agentId: rec.id });
    }
  }

  /** A direct run: one attempt, no retry, counted as a final outcome, cancellable by `signal` and by shutdown. */
  async runDirect(rec: AgentRecord, delegation: TaskDelegationInput, signal?: AbortSignal): Promise<TaskResult> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    // No attempt number: the executor counts re-runs of a taskId that did not succeed (they resume its checkpoint).
    const done = this.attempt(rec, delegation, { signal: controller.signal });
    const entry: DirectRun = { controller, done: done.catch(() => undefined) };
    this.direct.add(entry);
    try {
      const result = await done;
      this.counters.taskFinished(true);
      return result;
    } catch (e) {
      const err = toRuntimeError(e, 'TASK_FAILED');
      this.counters.taskFinished(false);
      const taskId = typeof err.data.taskId === 'string' ? err.data.taskId : (delegation.taskId ?? '');
      this.bus.publish({
        type: 'task.failed',
        taskId,
        agentId: rec.id,
        attempt: this.executor.lastAttempt(taskId) ?? 1,
        code: err.code,
        message: err.message,
        willRetry: false,
      });
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.direct.delete(entry);
    }
  }
}
