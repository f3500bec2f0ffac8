import { RpcError } from '@axon/agent';
import type { ToolCallAuditRecord } from '../audit/record.js';
import { checkpointProblem, type CheckpointBounds } from './checkpoint-check.js';
import type { AgentHandleLike } from './deps.js';
import { ExitWatch } from './exit-watch.js';
import { RPC } from './rpc.js';
import type { TaskRun } from './task-run.js';

/** What an {@link AgentChannel} audits with, and how much it audits between tasks. */
export interface AgentChannelOptions {
  audit: (record: ToolCallAuditRecord) => void;
  /** Refused attempts audited one by one while no task runs (reset when a task starts); the rest are counted. */
  maxStrayRefused: number;
  /** Bounds of a checkpoint kept for a retry; a larger or deeper one is refused to the agent. */
  checkpoints: CheckpointBounds;
}

/**
 * The executor's side of one agent: tool and task handlers registered once on the agent's peer and routed to
 * the task running now, and the agent's exit. Why once: per-task registration churned closures on every task.
 * Attempts that reach no task (a wrong task id between tasks, a rejected frame while idle) are audited here.
 */
export class AgentChannel {
  #current: TaskRun | undefined;
  /** The agent's exit, shared by its tasks. */
  readonly exit: ExitWatch;
  /** Refused attempts made while no task ran. */
  strayRefused = 0;

  constructor(
    private readonly handle: AgentHandleLike,
    private readonly o: AgentChannelOptions,
  ) {
    this.exit = new ExitWatch(handle.exited);
    const peer = handle.peer;
    peer.onRequest('tools/list', (p: { taskId: string }) => this.#run(p.taskId, '').gate.list(p));
    peer.onRequest('tools/call', (p: { taskId: string; name: string; arguments?: Record<string, unknown> }, ctx) =>
      this.#run(p.taskId, p.name).gate.call(p, ctx),
    );
    peer.onNotification('task/progress', (p: { taskId: string; progress?: number; message?: string }) => {
      if (this.#current?.taskId === p.taskId) this.#current.onProgress(p);
    });
    peer.onNotification('task/checkpoint', (p: { taskId: string; data: unknown }) => {
      const run = this.#current;
      if (run?.taskId !== p.taskId) return;
      // Checked on arrival: a checkpoint that could not be sent back on a retry is refused now, to the agent.
      const problem = checkpointProblem(p.data, this.o.checkpoints);
      if (problem === undefined) return run.onCheckpoint(p.data);
      const message = `task/checkpoint of task ${p.taskId} refused: ${problem}; the previous checkpoint is kept`;
      peer.sendError(RPC.INVALID_PARAMS, message, { code: 'CHECKPOINT_REFUSED', taskId: p.taskId, field: 'data' });
      run.onCheckpointRefused(problem);
    });
  }

  /** The task running on this agent now. */
  get current(): TaskRun | undefined {
    return this.#current;
  }

  set current(run: TaskRun | undefined) {
    if (run) this.strayRefused = 0;
    this.#current = run;
  }

  /**
   * A frame the agent's peer rejected. A `tools/call` whose params failed validation (`malformed`) or a line over
   * the length limit (`oversized`, which may have been one) is a tool-call attempt: counted against the running task,
   * or audited as stray. Other bad frames are not tool calls; the process layer counts them (`badFrames`).
   */
  badFrame(message: string): void {
    const outcome = /longer than maxLineLength/.test(message)
      ? 'oversized'
      : /^Invalid params for tools\/call/.test(message)
        ? 'malformed'
        : undefined;
    if (!outcome) return;
    if (this.#current) this.#current.gate.refuseFrame(outcome, message);
    else
      this.#stray(
        { tool: '', outcome, errorCode: outcome === 'oversized' ? 'FRAME_TOO_LARGE' : 'INVALID_PARAMS' },
        message,
      );
  }

  #run(taskId: string, tool: string): TaskRun {
    const run = this.#current;
    if (run?.taskId === taskId) return run;
    if (run) throw run.gate.refuseWrongTask(taskId, tool);
    const message = `taskId: ${taskId} is not the task running on this agent (none is running)`;
    this.#stray({ tool, outcome: 'wrong_task', errorCode: 'INVALID_PARAMS', claimedTaskId: taskId }, message);
    throw new RpcError(RPC.INVALID_PARAMS, message, { code: 'INVALID_PARAMS', field: 'taskId' });
  }

  #stray(r: Pick<ToolCallAuditRecord, 'tool' | 'outcome' | 'errorCode' | 'claimedTaskId'>, message: string): void {
    this.strayRefused += 1;
    if (this.strayRefused > this.o.maxStrayRefused) return;
    this.o.audit({
      timestamp: new Date().toISOString(),
      agentId: this.handle.id,
      taskId: '',
      argsDigest: '',
      durationMs: 0,
      ...r,
      detail: message.slice(0, 200),
    });
  }
}
