import type { AgentRuntime, RuntimeEvent } from '@axon/core';
import type { TaskDelegationData } from '@axon/executor';

/** Where a task is. */
export type TaskStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** What the admin API reports about one task. */
export interface TaskView {
  /** Task id. */
  id: string;
  /** Its objective (for tasks submitted through this server; `undefined` for others). */
  objective: string | undefined;
  /** Where it is. */
  status: TaskStatus;
  /** Priority 1..10. */
  priority: number;
  /** Epoch ms it was queued. */
  queuedAt: number;
  /** Epoch ms its current attempt started. */
  startedAt?: number;
  /** Epoch ms it finished. */
  finishedAt?: number;
  /** The agent running (or that ran) it. */
  agentId?: string;
  /** Current attempt, from 1. */
  attempt: number;
  /** Its error, when it failed or was cancelled. */
  error?: { code: string; message: string };
  /** The last lines of the agent's log when it failed on an agent. */
  stderrTail?: string[];
  /** Duration on the agent, ms (completed tasks). */
  durationMs?: number;
  /** Tool calls made (completed tasks). */
  toolCalls?: number;
  /** The output, for completed tasks submitted through this server (JSON, cut at `maxOutputBytes`). */
  output?: unknown;
}

const STDERR_TAIL_LINES = 20;
const MAX_OUTPUT_BYTES = 64 * 1024;

/**
 * Follows the runtime's task events to keep the tasks queued, running and recently finished (bounded), and submits
 * tasks for the admin API with an `AbortController` each, so that `DELETE /api/tasks/:id` can cancel them.
 */
export class TaskTracker {
  private readonly active = new Map<string, TaskView>();
  private readonly recent = new Map<string, TaskView>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly runtime: AgentRuntime,
    private readonly keep: number,
  ) {
    this.unsubscribe = runtime.subscribe((e) => this.onEvent(e));
  }

  /** Stops following the runtime. */
  close(): void {
    this.unsubscribe();
  }

  /** Tasks queued, running, and the recent finished ones (newest first). */
  list(): { queued: TaskView[]; running: TaskView[]; recent: TaskView[] } {
    const queued: TaskView[] = [];
    const running: TaskView[] = [];
    for (const t of this.active.values()) (t.status === 'queued' ? queued : running).push(t);
    return { queued, running, recent: [...this.recent.values()].reverse() };
  }

  /** One task, active or recent. */
  get(id: string): TaskView | undefined {
    return this.active.get(id) ?? this.recent.get(id);
  }

  /** Whether a task with this id is queued or running. */
  isActive(id: string): boolean {
    return this.active.has(id);
  }

  /** Submits a validated delegation; the outcome arrives through the runtime's events. */
  submit(delegation: TaskDelegationData): void {
    const controller = new AbortController();
    this.controllers.set(delegation.taskId, controller);
    this.active.set(delegation.taskId, {
      id: delegation.taskId,
      objective: delegation.objective,
      status: 'queued',
      priority: delegation.priority,
      queuedAt: Date.now(),
      attempt: 1,
    });
    this.runtime.submit(delegation, { signal: controller.signal }).then(
      (result) => {
        const view = this.get(delegation.taskId);
        if (view) view.output = boundedOutput(result.output);
      },
      () => undefined, // reported by task.failed / task.cancelled
    );
  }

  /** Cancels a task submitted through this server; false when it cannot be cancelled (unknown or not ours). */
  cancel(id: string, reason = 'cancelled through the admin API'): boolean {
    const c = this.controllers.get(id);
    if (!c) return false;
    c.abort(new Error(reason));
    return true;
  }

  private finish(id: string, status: TaskStatus, patch: Partial<TaskView>): void {
    const view = this.active.get(id) ?? this.placeholder(id);
    this.active.delete(id);
    this.controllers.delete(id);
    Object.assign(view, patch, { status, finishedAt: Date.now() });
    this.recent.delete(id);
    this.recent.set(id, view);
    while (this.recent.size > this.keep) this.recent.delete(this.recent.keys().next().value!);
  }

  private placeholder(id: string): TaskView {
    return { id, objective: undefined, status: 'queued', priority: 5, queuedAt: Date.now(), attempt: 1 };
  }

  private onEvent(e: RuntimeEvent): void {
    switch (e.type) {
      case 'task.queued': {
        const view = this.active.get(e.taskId);
        if (view) {
          view.status = 'queued';
          view.priority = e.priority;
        } else
          this.active.set(e.taskId, { ...this.placeholder(e.taskId), priority: e.priority, queuedAt: e.timestamp });
        break;
      }
      case 'task.retrying': {
        const view = this.active.get(e.taskId);
        if (view) Object.assign(view, { status: 'queued', attempt: e.attempt });
        break;
      }
      case 'task.started': {
        const view = this.active.get(e.taskId) ?? this.placeholder(e.taskId);
        Object.assign(view, { status: 'running', agentId: e.agentId, attempt: e.attempt, startedAt: e.timestamp });
        this.active.set(e.taskId, view);
        break;
      }
      case 'task.completed':
        this.finish(e.taskId, 'completed', { agentId: e.agentId, durationMs: e.durationMs, toolCalls: e.toolCalls });
        break;
      case 'task.failed':
        if (e.willRetry) break;
        this.finish(e.taskId, e.code === 'CANCELLED' ? 'cancelled' : 'failed', {
          error: { code: e.code, message: e.message },
          ...(e.agentId !== undefined && {
            agentId: e.agentId,
            stderrTail: this.runtime.processManager.logs(e.agentId).slice(-STDERR_TAIL_LINES),
          }),
        });
        break;
      case 'task.cancelled':
        this.finish(e.taskId, 'cancelled', { error: { code: 'CANCELLED', message: e.reason } });
        break;
    }
  }
}

function boundedOutput(output: unknown): unknown {
  const text = JSON.stringify(output) ?? 'null';
  return text.length <= MAX_OUTPUT_BYTES ? output : { truncated: true, preview: text.slice(0, MAX_OUTPUT_BYTES) };
}
