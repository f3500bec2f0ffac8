import { JsonlAuditLog } from '../audit/audit-log.js';
import type { ToolCallAuditRecord } from '../audit/record.js';
import { parseDelegation } from '../delegation/parse.js';
import type { TaskDelegation, TaskDelegationInput } from '../delegation/schema.js';
import { ExecutorError, isExecutorError } from '../errors/executor-error.js';
import { runSlidingWindow } from '../parallel/sliding-window.js';
import { StatisticsCollector, type ExecutorStatistics } from '../stats/statistics.js';
import { CheckpointStore } from './checkpoints.js';
import { parseExecutorConfig, type ExecutorConfig, type ExecutorConfigInput } from './config.js';
import type { AgentHandleLike, ExecutorMcpPool, ExecutorProcessManager } from './deps.js';
import type { ExecutorEvent, ExecutorEventListener } from './events.js';
import type { TaskResult } from './result.js';
import { StderrTails } from './stderr-tail.js';
import { AgentChannel } from './agent-channel.js';
import { TaskRun } from './task-run.js';
import { Claims } from './claims.js';

/** Options of one {@link AgentExecutor.executeTask} call. */
export interface ExecuteTaskOptions {
  /** Aborting cancels the task (`task/cancel`, grace, stop) and fails it with `CANCELLED`. */
  signal?: AbortSignal;
  /**
   * Attempt number, 1 for the first. Default: one more than the last attempt of this `taskId` that this executor
   * ran without success (so a re-run that resumes from the kept checkpoint says so), else 1.
   */
  attempt?: number;
  /** State to resume from. Default: the last checkpoint kept for this `taskId`, if any (see `resume`). */
  checkpoint?: unknown;
  /**
   * Whether to hand the agent the last checkpoint kept for this `taskId` when `checkpoint` is not given. Default
   * `true`; `false` starts the attempt afresh (`task/execute` then carries no checkpoint).
   */
  resume?: boolean;
  /**
   * The Cortex workspace this task's memory calls act on, decided by the caller (never the agent): `cortex_*`
   * calls get this `workspaceId`, and a call naming another is refused with `ACCESS_DENIED`. Default: not pinned.
   */
  workspaceId?: string;
}

/** One entry of {@link AgentExecutor.executeTasksParallel}. */
export interface ParallelTask {
  /** The agent to run on. */
  agentId: string;
  /** The task. */
  delegation: TaskDelegationInput | TaskDelegation;
  /** Per-task options. */
  options?: ExecuteTaskOptions;
}

/**
 * Runs task delegations on agent processes: up to the agent's `concurrency` (announced in `initialize`, default 1)
 * tasks per agent at a time, tool calls served through the MCP pool under each task's allowlist and budget, a
 * deadline, cancellation, crash detection, audit and statistics. The executor is the one owner of agent claims:
 * a pool asks {@link AgentExecutor.freeSlots} before it picks an agent. An agent is `busy` while it runs at least
 * one task and `idle` once it runs none.
 */
export class AgentExecutor {
  /** The validated configuration. */
  readonly config: ExecutorConfig;
  readonly #pm: ExecutorProcessManager;
  readonly #pool: ExecutorMcpPool;
  readonly #listeners = new Set<ExecutorEventListener>();
  readonly #claims: Claims;
  readonly #stats = new StatisticsCollector();
  readonly #checkpoints: CheckpointStore;
  readonly #tails: StderrTails;
  readonly #audit: JsonlAuditLog | undefined;
  readonly #channels = new WeakMap<AgentHandleLike, AgentChannel>();
  #unsubscribe: (() => void) | undefined;

  /**
   * @param processManager Spawns and supervises the agents (`ProcessManager` of @axon/process).
   * @param mcpPool Serves tool calls (`McpServerPool` of @axon/mcp).
   * @param config Limits and audit; see {@link ExecutorConfigInput}. Throws `INVALID_CONFIG` naming a bad field.
   */
  constructor(processManager: ExecutorProcessManager, mcpPool: ExecutorMcpPool, config: ExecutorConfigInput = {}) {
    this.config = parseExecutorConfig(config);
    this.#pm = processManager;
    this.#pool = mcpPool;
    this.#checkpoints = new CheckpointStore(this.config.maxCheckpoints);
    this.#tails = new StderrTails(this.config.stderrTailLines);
    this.#claims = new Claims(processManager, {
      claimed: (agentId) => this.#claimed(agentId),
      released: (agentId) => this.#tails.unwatch(agentId),
    });
    this.#audit =
      this.config.auditFile === undefined
        ? undefined
        : new JsonlAuditLog(this.config.auditFile, {
            maxBytes: this.config.auditMaxBytes,
            maxFiles: this.config.auditMaxFiles,
          });
  }

  /**
   * Runs one task on one agent and resolves with its {@link TaskResult}.
   * A `boundaries.scope` entry that leaves the agent's working directory (`..`, an absolute path elsewhere, a
   * symlink pointing out) fails it with `INVALID_DELEGATION` naming the entry, before the agent sees the task.
   * The agent is claimed synchronously, before this returns its promise: `AGENT_BUSY` when all its slots are taken.
   * @throws ExecutorError `INVALID_DELEGATION`, `TOOL_REFUSAL_LIMIT`, `AGENT_NOT_FOUND`, `AGENT_BUSY`, `MCP_UNAVAILABLE`, `TIMEOUT`,
   *   `CANCELLED`, `AGENT_CRASHED` or `TASK_FAILED`; `data.toolCalls`/`data.refusedToolCalls` count the calls made.
   */
  async executeTask(
    agentId: string,
    delegation: TaskDelegationInput | TaskDelegation,
    opts: ExecuteTaskOptions = {},
  ): Promise<TaskResult> {
    const task = parseDelegation(delegation);
    if (opts.signal?.aborted) {
      throw new ExecutorError('CANCELLED', `task ${task.taskId} was cancelled before it started`, {
        cause: opts.signal.reason,
        agentId,
        taskId: task.taskId,
      });
    }
    const claim = this.#claims.take(agentId, task);
    const handle = claim.handle;
    const attempt = opts.attempt ?? (this.#checkpoints.lastAttempt(task.taskId) ?? 0) + 1;
    this.#checkpoints.started(task.taskId, attempt);
    const run = new TaskRun({
      agentId,
      handle,
      channel: this.#channelOf(handle),
      delegation: task,
      attempt,
      checkpoint:
        opts.checkpoint !== undefined
          ? opts.checkpoint
          : opts.resume === false
            ? undefined
            : this.#checkpoints.get(task.taskId),
      config: this.config,
      pm: this.#pm,
      pool: this.#pool,
      signal: opts.signal,
      emit: (e) => this.#emit(e),
      listening: () => this.#listeners.size > 0,
      audit: (r) => this.#auditCall(r),
      saveCheckpoint: (id, data) => this.#checkpoints.set(id, data),
      stderrTail: () => this.#tails.tail(agentId),
      workspaceId: opts.workspaceId,
    });
    try {
      const report = await run.run();
      const durationMs = run.elapsedMs();
      const result: TaskResult = {
        workerId: agentId,
        task,
        output: report.output,
        durationMs,
        toolCalls: run.gate.calls,
        refusedToolCalls: run.gate.refused,
        ...(report.tokensUsed !== undefined && { tokensUsed: report.tokensUsed }),
        ...(report.costCents !== undefined && { costCents: report.costCents }),
        completedAt: new Date(),
        attempt,
      };
      this.#checkpoints.delete(task.taskId);
      this.#stats.record({ success: true, timedOut: false, toolCalls: result.toolCalls, durationMs });
      if (this.#listeners.size > 0) this.#emit({ type: 'task-completed', result });
      return result;
    } catch (e) {
      const durationMs = run.elapsedMs();
      const err = isExecutorError(e)
        ? e
        : new ExecutorError('TASK_FAILED', `task ${task.taskId} failed: ${String(e)}`, {
            cause: e,
            agentId,
            taskId: task.taskId,
          });
      this.#stats.record({ success: false, timedOut: err.code === 'TIMEOUT', toolCalls: run.gate.calls, durationMs });
      this.#emit({
        type: 'task-failed',
        agentId,
        taskId: task.taskId,
        code: err.code,
        message: err.message,
        durationMs,
      });
      throw err;
    } finally {
      this.#claims.release(agentId, task.taskId, claim);
    }
  }

  /**
   * Runs tasks with at most `maxParallel` in flight (a new one starts as soon as any finishes), never more on one
   * agent than its `concurrency`. Resolves with one settled result per task, in input order.
   */
  async executeTasksParallel(
    tasks: readonly ParallelTask[],
    maxParallel: number,
  ): Promise<PromiseSettledResult<TaskResult>[]> {
    if (!Number.isInteger(maxParallel) || maxParallel < 1) {
      throw new ExecutorError('INVALID_CONFIG', `maxParallel: must be an integer >= 1, got ${maxParallel}`, {
        data: { path: 'maxParallel' },
      });
    }
    return runSlidingWindow(tasks, (t) => this.executeTask(t.agentId, t.delegation, t.options), {
      maxParallel,
      keyOf: (t) => t.agentId,
      keyLimit: (agentId) => this.#pm.getHandle(agentId)?.concurrency ?? 1,
    });
  }

  /**
   * How many more tasks `agentId` can take now: its `concurrency` minus the tasks it runs, or 0 when it is not
   * a live, Ready agent. A task started with {@link executeTask} right after a positive answer is not refused
   * with `AGENT_BUSY` (the claim is synchronous).
   */
  freeSlots(agentId: string): number {
    return this.#claims.freeSlots(agentId);
  }

  /** Subscribes to {@link ExecutorEvent}s; returns the unsubscribe function. */
  subscribe(listener: ExecutorEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Totals, mean and percentiles of every task that reached an agent. */
  getStatistics(): ExecutorStatistics {
    return this.#stats.snapshot();
  }

  /** The number of the last attempt of `taskId` that did not succeed, if this executor remembers one. */
  lastAttempt(taskId: string): number | undefined {
    return this.#checkpoints.lastAttempt(taskId);
  }

  /** The last checkpoint an unfinished task sent (`task/checkpoint`), for a retry. */
  getCheckpoint(taskId: string): unknown {
    return this.#checkpoints.get(taskId);
  }

  /** Agents running tasks now, and their task ids in start order. */
  runningTasks(): Map<string, string[]> {
    return this.#claims.running();
  }

  /**
   * Records an access attempt an agent made outside its tool calls (e.g. a refused bus request, with `tool` naming
   * the method) in the audit file and as a `tool-call` event, against the task the agent runs now (if any).
   */
  recordAttempt(record: Omit<ToolCallAuditRecord, 'taskId' | 'timestamp'> & { taskId?: string }): void {
    this.#auditCall({
      timestamp: new Date().toISOString(),
      ...record,
      taskId: record.taskId ?? this.#claims.oldestTask(record.agentId) ?? '',
    });
  }

  /** Flushes and closes the audit file. Running tasks are not affected. */
  async close(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    await this.#audit?.close();
  }

  // The first claim on an agent process: its stderr tail is kept while it runs tasks, and the manager's events
  // (logs, bad frames) are followed from then on.
  #claimed(agentId: string): void {
    this.#tails.watch(agentId);
    this.#unsubscribe ??= this.#pm.subscribe((e) => {
      if (e.type === 'log' && e.line !== undefined) this.#tails.push(e.id, e.line);
      else if (e.type === 'bad-frame') {
        const h = this.#pm.getHandle(e.id);
        const channel = h && this.#channels.get(h);
        channel?.badFrame(e.message ?? 'bad frame');
      }
    });
  }

  #channelOf(handle: AgentHandleLike): AgentChannel {
    let c = this.#channels.get(handle);
    if (!c) {
      c = new AgentChannel(handle, {
        audit: (r) => this.#auditCall(r),
        maxStrayRefused: this.config.maxRefusedToolCalls,
        checkpoints: { maxBytes: this.config.maxCheckpointBytes, maxDepth: this.config.maxCheckpointDepth },
      });
      this.#channels.set(handle, c);
    }
    return c;
  }

  #auditCall(record: ToolCallAuditRecord): void {
    this.#audit?.append(record);
    this.#emit({ type: 'tool-call', ...record });
  }

  #emit(event: ExecutorEvent): void {
    for (const l of this.#listeners) {
      try {
        l(event);
      } catch (err) {
        process.emitWarning(err instanceof Error ? err : new Error(String(err)), { code: 'AXON_EXECUTOR_LISTENER' });
      }
    }
  }
}
