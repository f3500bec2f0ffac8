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
 * The executor's side of one agent: tool and task handlers registered once on the agent's peer and routed by task
 * id to the tasks running now (several when the agent's `concurrency` is above 1), and the agent's exit. Why once:
 * per-task registration churned closures on every task. Attempts that reach no task (a wrong task id between tasks,
 * a rejected frame while idle) are audited here; while tasks run they count against the oldest running task.
 */
export class AgentChannel {
  // Insertion order = start order: the first entry is the oldest running task.
  readonly #runs = new Map<string, TaskRun>();
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
      this.#runs.get(p.taskId)?.onProgress(p);
    });
    peer.onNotification('task/checkpoint', (p: { taskId: string; data: unknown }) => {
      const run = this.#runs.get(p.taskId);
      if (!run) return;
      // Checked on arrival: a checkpoint that could not be sent back on a retry is refused now, to the agent.
      const problem = checkpointProblem(p.data, this.o.checkpoints);
      if (problem === undefined) return run.onCheckpoint(p.data);
      const message = `task/checkpoint of task ${p.taskId} refused: ${problem}; the previous checkpoint is kept`;
      peer.sendError(RPC.INVALID_PARAMS, message, { code: 'CHECKPOINT_REFUSED', taskId: p.taskId, field: 'data' });
      run.onCheckpointRefused(problem);
    });
  }

  /** Tasks running on this agent now. */
  get running(): number {
    return this.#runs.size;
  }

  /** `run` started on this agent: its tool calls, progress and checkpoints are routed to it. */
  add(run: TaskRun): void {
    this.strayRefused = 0;
    this.#runs.set(run.taskId, run);
  }

  /** `run` ended. */
  remove(run: TaskRun): void {
    if (this.#runs.get(run.taskId) === run) this.#runs.delete(run.taskId);
  }

  #oldest(): TaskRun | undefined {
    return this.#runs.values().next().value;
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
    const oldest = this.#oldest();
    if (oldest) oldest.gate.refuseFrame(outcome, message);
    else
      this.#stray(
        { tool: '', outcome, errorCode: outcome === 'oversized' ? 'FRAME_TOO_LARGE' : 'INVALID_PARAMS' },
        message,
      );
  }

  #run(taskId: string, tool: string): TaskRun {
    const run = this.#runs.get(taskId);
    if (run) return run;
    const oldest = this.#oldest();
    if (oldest) throw oldest.gate.refuseWrongTask(taskId, tool);
    const message = `taskId: ${taskId} is not a task running on this agent (none is running)`;
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
