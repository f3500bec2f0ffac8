import { isAgentError, isRpcError } from '@axon/agent';
import type { ToolCallAuditRecord } from '../audit/record.js';
import type { TaskDelegation } from '../delegation/schema.js';
import { ExecutorError, type ExecutorErrorCode } from '../errors/executor-error.js';
import type { ExecutorConfig } from './config.js';
import type { AgentHandleLike, ExecutorMcpPool, ExecutorProcessManager, ExitInfoLike } from './deps.js';
import type { ExecutorEvent, StopReason } from './events.js';
import type { AgentChannel } from './agent-channel.js';
import { agentEndedError } from './agent-ended.js';
import { RPC } from './rpc.js';
import { ToolGate } from './tool-gate.js';
import { finishSpan, startExecuteSpan, traceHeaders } from './telemetry.js';

/** Everything one run of one task needs. */
export interface TaskRunOptions {
  agentId: string;
  handle: AgentHandleLike;
  channel: AgentChannel;
  delegation: TaskDelegation;
  attempt: number;
  checkpoint: unknown;
  config: ExecutorConfig;
  pm: ExecutorProcessManager;
  pool: ExecutorMcpPool;
  signal: AbortSignal | undefined;
  emit: (e: ExecutorEvent) => void;
  /** Whether anyone listens to events (events are not built otherwise). */
  listening: () => boolean;
  audit: (r: ToolCallAuditRecord) => void;
  saveCheckpoint: (taskId: string, data: unknown) => void;
  stderrTail: () => string;
  /** The Cortex workspace the task's memory calls are pinned to; `undefined` = not pinned. */
  workspaceId: string | undefined;
}

/** What a finished run reports. */
export interface TaskRunReport {
  output: unknown;
  tokensUsed?: number;
  costCents?: number;
}

const TASK_ENDED = new Error('the task ended');

type Ending =
  | { kind: 'answer'; value: unknown }
  | { kind: 'error'; error: unknown }
  | { kind: 'exit'; info: ExitInfoLike }
  | { kind: 'deadline' }
  | { kind: 'abort' }
  | { kind: 'refusals' };

const sleep = (ms: number): Promise<{ kind: 'grace' }> =>
  new Promise((r) => setTimeout(() => r({ kind: 'grace' }), ms).unref?.());

/**
 * One task on one agent: tool handlers on the agent's peer, `task/execute`, and the first of answer,
 * crash, deadline or abort. The agent is marked Busy/Idle by the caller.
 */
export class TaskRun {
  readonly startedAt = performance.now();
  readonly deadlineMs: number;
  /** The task's id. */
  readonly taskId: string;
  readonly budget: number;
  readonly gate: ToolGate;
  #endController: AbortController | undefined;
  #ended = false;
  #refusalLimit: (() => void) | undefined;
  #refusalLimitHit = false;
  readonly #o: TaskRunOptions;
  readonly #exit: { promise: Promise<ExitInfoLike>; dispose: () => void };
  readonly #trace: ReturnType<typeof startExecuteSpan>;

  constructor(o: TaskRunOptions) {
    this.#o = o;
    this.#exit = o.channel.exit.wait();
    this.taskId = o.delegation.taskId;
    const { delegation, config } = o;
    this.deadlineMs = Math.min(delegation.boundaries.timeout, config.maxTaskDuration);
    this.budget = Math.min(delegation.boundaries.maxToolCalls, config.maxToolCallsPerTask);
    this.#trace = startExecuteSpan(delegation.taskId, o.agentId, o.attempt);
    this.gate = new ToolGate({
      trace: this.#trace.ctx,
      agentId: o.agentId,
      taskId: delegation.taskId,
      access: { allow: config.toolPolicy.allow, deny: config.toolPolicy.deny, delegation: delegation.allowedTools },
      budget: this.budget,
      maxRefused: config.maxRefusedToolCalls,
      maxArgumentDepth: config.maxArgumentDepth,
      workspaceId: o.workspaceId,
      onRefusalLimit: () => {
        this.#refusalLimitHit = true;
        this.#refusalLimit?.();
      },
      pool: o.pool,
      endSignal: () => this.#endSignal(),
      remainingMs: () => this.deadlineMs - this.elapsedMs(),
      audit: o.audit,
    });
  }

  // Created on the first tool call only: most tasks never need it, and abort() costs a DOMException.
  #endSignal(): AbortSignal {
    if (!this.#endController) {
      this.#endController = new AbortController();
      if (this.#ended) this.#endController.abort(TASK_ENDED);
    }
    return this.#endController.signal;
  }

  #endTools(): void {
    this.#ended = true;
    this.#endController?.abort(TASK_ENDED);
  }

  /** ms since the run started. */
  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Runs the task to its end; throws an {@link ExecutorError} on any failure. */
  async run(): Promise<TaskRunReport> {
    try {
      const report = await this.#run();
      finishSpan(this.#trace.span);
      return report;
    } catch (e) {
      finishSpan(this.#trace.span, (e as { code?: string }).code ?? 'TASK_FAILED', (e as Error).message);
      throw e;
    }
  }

  async #run(): Promise<TaskRunReport> {
    const { agentId, delegation, emit } = this.#o;
    const taskId = delegation.taskId;
    if (this.#o.listening())
      emit({
        type: 'task-started',
        agentId,
        taskId,
        attempt: this.#o.attempt,
        deadlineMs: this.deadlineMs,
        toolBudget: this.budget,
      });
    this.#o.channel.add(this);
    let deadlineTimer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      const exit = this.#exit.promise.then((info): Ending => ({ kind: 'exit', info }));
      const interrupt = new Promise<Ending>((resolve) => {
        deadlineTimer = setTimeout(
          () => resolve({ kind: 'deadline' }),
          Math.max(0, this.deadlineMs - this.elapsedMs()),
        );
        onAbort = () => resolve({ kind: 'abort' });
        this.#refusalLimit = () => resolve({ kind: 'refusals' });
        if (this.#refusalLimitHit) this.#refusalLimit();
        if (this.#o.signal?.aborted) onAbort();
        else this.#o.signal?.addEventListener('abort', onAbort, { once: true });
      });
      const ready = this.#o.pool.getOrCreate(agentId).then(
        (): Ending => ({ kind: 'answer', value: undefined }),
        (error: unknown): Ending => ({
          kind: 'error',
          error: this.#fail(
            'MCP_UNAVAILABLE',
            `no MCP server for agent ${agentId}: ${(error as Error).message}`,
            error,
          ),
        }),
      );
      const first = await Promise.race([ready, exit, interrupt]);
      if (first.kind !== 'answer') return await this.#finish(first, undefined);

      const trace = traceHeaders(this.#trace.span);
      const execute = this.#o.handle.peer
        .request(
          'task/execute',
          {
            task: delegation,
            attempt: this.#o.attempt,
            ...(trace && { trace }),
            ...(this.#o.checkpoint !== undefined && { checkpoint: this.#o.checkpoint }),
          },
          {
            timeout: this.deadlineMs + this.#o.config.cancelGracePeriod + 5_000,
          },
        )
        .then(
          (value): Ending => ({ kind: 'answer', value }),
          (error: unknown): Ending => ({ kind: 'error', error }),
        );
      return await this.#finish(await Promise.race([execute, exit, interrupt]), execute);
    } finally {
      clearTimeout(deadlineTimer);
      this.#refusalLimit = undefined;
      if (onAbort) this.#o.signal?.removeEventListener('abort', onAbort);
      this.#endTools();
      this.#exit.dispose();
      this.#o.channel.remove(this);
    }
  }

  async #finish(ending: Ending, execute: Promise<Ending> | undefined): Promise<TaskRunReport> {
    const { agentId, delegation } = this.#o;
    const taskId = delegation.taskId;
    switch (ending.kind) {
      case 'answer':
        return readAnswer(ending.value);
      case 'exit':
        throw this.#crashed(ending.info);
      case 'refusals': {
        await this.#cancel('refusal-limit', execute);
        const { refused, suppressed } = this.gate;
        throw this.#fail(
          'TOOL_REFUSAL_LIMIT',
          `task ${taskId} on agent ${agentId} made ${refused} refused tool calls, more than the allowance of ${this.#o.config.maxRefusedToolCalls}; the task was stopped and its agent terminated`,
          undefined,
          { maxRefusedToolCalls: this.#o.config.maxRefusedToolCalls, suppressedFromAudit: suppressed },
        );
      }
      case 'deadline':
      case 'abort': {
        const reason = ending.kind === 'deadline' ? 'timeout' : 'cancelled';
        await this.#cancel(reason, execute);
        throw reason === 'timeout'
          ? this.#fail(
              'TIMEOUT',
              `task ${taskId} on agent ${agentId} timed out after ${this.deadlineMs} ms`,
              undefined,
              { timeoutMs: this.deadlineMs },
            )
          : this.#fail('CANCELLED', `task ${taskId} on agent ${agentId} was cancelled`, this.#o.signal?.reason);
      }
      case 'error': {
        const e = ending.error;
        if (e instanceof ExecutorError) throw e;
        if (isAgentError(e) && (e.code === 'PEER_CLOSED' || e.code === 'BACKPRESSURE')) {
          // The peer closed: the agent is going away. Report the crash with its exit status.
          const info = await Promise.race([this.#exit.promise, sleep(2_000)]);
          throw 'exitCode' in info ? this.#crashed(info) : this.#crashed(undefined, e);
        }
        if (isAgentError(e) && (e.code === 'FRAME_TOO_LARGE' || e.code === 'INVALID_ARGUMENT')) {
          // The runtime could not send the task (with its checkpoint): not the agent's fault, nor its type's.
          throw this.#fail(
            'INVALID_DELEGATION',
            `task ${taskId} could not be sent to agent ${agentId}: ${e.message}`,
            e,
            { runtimeFault: true },
          );
        }
        if (!isRpcError(e)) {
          throw this.#fail('TASK_FAILED', `task ${taskId} on agent ${agentId} failed: ${(e as Error).message}`, e);
        }
        const code: ExecutorErrorCode =
          e.rpcCode === RPC.CANCELLED
            ? 'CANCELLED'
            : e.rpcCode === RPC.AGENT_BUSY
              ? 'AGENT_BUSY'
              : e.rpcCode === RPC.TIMEOUT
                ? 'TIMEOUT'
                : 'TASK_FAILED';
        throw this.#fail(code, `task ${taskId} on agent ${agentId} failed: ${e.message}`, e, {
          rpcCode: e.rpcCode,
          rpcData: e.data,
        });
      }
    }
  }

  // task/cancel, then a grace; an agent that has not answered by then is stopped with its process tree.
  async #cancel(reason: StopReason, execute: Promise<Ending> | undefined): Promise<void> {
    const { agentId, delegation, pm, config, emit } = this.#o;
    const taskId = delegation.taskId;
    this.#endTools();
    emit({ type: 'task-cancelling', agentId, taskId, reason });
    if (!execute) return; // the agent never got the task: nothing to stop
    // An agent that flooded refused calls gets no grace: it is stopped at once.
    if (reason !== 'refusal-limit') {
      try {
        this.#o.handle.peer.notify('task/cancel', { taskId, reason });
      } catch {
        /* peer already closed: the exit race below settles it */
      }
      const exit = this.#exit.promise.then(() => ({ kind: 'exit' as const }));
      const settled = await Promise.race([execute, exit, sleep(config.cancelGracePeriod)]);
      const answered = settled.kind === 'answer' || (settled.kind === 'error' && isRpcError(settled.error));
      if (answered && config.stopAfterCancel === 'if-unresponsive') return; // it stopped as asked: keep it
    }
    if (!pm.isAlive(agentId)) return;
    await pm.terminate(agentId, { gracePeriod: config.terminateGracePeriod }).catch(() => undefined);
    emit({ type: 'agent-stopped', agentId, taskId, reason });
  }

  // AGENT_CRASHED, or RESOURCE_LIMIT_EXCEEDED when the manager stopped the agent for a limit.
  #crashed(info: ExitInfoLike | undefined, cause?: unknown): ExecutorError {
    const { agentId, delegation, pm } = this.#o;
    return agentEndedError({
      agentId,
      taskId: delegation.taskId,
      exit: info,
      failure: pm.get(agentId)?.failure,
      stderrTail: this.#o.stderrTail(),
      counts: { toolCalls: this.gate.calls, refusedToolCalls: this.gate.refused },
      cause,
    });
  }

  #fail(code: ExecutorErrorCode, message: string, cause?: unknown, data: Record<string, unknown> = {}): ExecutorError {
    return new ExecutorError(code, message, {
      cause,
      agentId: this.#o.agentId,
      taskId: this.#o.delegation.taskId,
      data: { ...data, toolCalls: this.gate.calls, refusedToolCalls: this.gate.refused },
    });
  }

  /** A `task/progress` notification of this task. */
  onProgress(p: { progress?: number; message?: string }): void {
    if (!this.#o.listening()) return;
    const { agentId, taskId } = this;
    this.#o.emit({
      type: 'task-progress',
      agentId,
      taskId,
      ...(p.progress !== undefined && { progress: p.progress }),
      ...(p.message !== undefined && { message: p.message }),
    });
  }

  /** A `task/checkpoint` of this task refused on arrival (too large or too deep). */
  onCheckpointRefused(reason: string): void {
    if (this.#o.listening())
      this.#o.emit({ type: 'task-checkpoint', agentId: this.agentId, taskId: this.taskId, refused: reason });
  }

  /** A `task/checkpoint` notification of this task: kept for a retry. */
  onCheckpoint(data: unknown): void {
    this.#o.saveCheckpoint(this.taskId, data);
    if (this.#o.listening()) this.#o.emit({ type: 'task-checkpoint', agentId: this.agentId, taskId: this.taskId });
  }

  /** The agent running the task. */
  get agentId(): string {
    return this.#o.agentId;
  }
}

function readAnswer(value: unknown): TaskRunReport {
  const v = (value ?? {}) as { output?: unknown; usage?: { tokensUsed?: unknown; costCents?: unknown } };
  const report: TaskRunReport = { output: v.output ?? null };
  if (typeof v.usage?.tokensUsed === 'number') report.tokensUsed = v.usage.tokensUsed;
  if (typeof v.usage?.costCents === 'number') report.costCents = v.usage.costCents;
  return report;
}
