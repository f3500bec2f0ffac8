import { RpcError } from '@axon/agent';
import type { AgentHandleLike } from './deps.js';
import { ExitWatch } from './exit-watch.js';
import { RPC } from './rpc.js';
import type { TaskRun } from './task-run.js';

/**
 * The executor's side of one agent: tool and task handlers registered once on the agent's peer and routed to
 * the task running now, and the agent's exit. Why once: per-task registration churned closures on every task.
 */
export class AgentChannel {
  /** The task running on this agent now. */
  current: TaskRun | undefined;
  /** The agent's exit, shared by its tasks. */
  readonly exit: ExitWatch;

  constructor(handle: AgentHandleLike) {
    this.exit = new ExitWatch(handle.exited);
    const peer = handle.peer;
    peer.onRequest('tools/list', (p: { taskId: string }) => this.#run(p.taskId).gate.list(p));
    peer.onRequest('tools/call', (p: { taskId: string; name: string; arguments?: Record<string, unknown> }, ctx) =>
      this.#run(p.taskId).gate.call(p, ctx),
    );
    peer.onNotification('task/progress', (p: { taskId: string; progress?: number; message?: string }) => {
      if (this.current?.taskId === p.taskId) this.current.onProgress(p);
    });
    peer.onNotification('task/checkpoint', (p: { taskId: string; data: unknown }) => {
      if (this.current?.taskId === p.taskId) this.current.onCheckpoint(p.data);
    });
  }

  #run(taskId: string): TaskRun {
    const run = this.current;
    if (run?.taskId !== taskId) {
      throw new RpcError(RPC.INVALID_PARAMS, `taskId: ${taskId} is not the task running on this agent`, {
        field: 'taskId',
      });
    }
    return run;
  }
}
