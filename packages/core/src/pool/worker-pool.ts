import { context } from '@opentelemetry/api';
import { parseDelegation, type TaskDelegationInput, type TaskResult } from '@axon/executor';
import { RuntimeError, toRuntimeError } from '../errors/runtime-error.js';
import type { RuntimeErrorCode } from '../errors/codes.js';
import { shouldRetry, type RetryPolicy } from '../recovery/retry-policy.js';
import type { AgentRecord } from '../runtime/agent-record.js';
import { parseAgentType, type AgentTypeSpec, type AgentTypeSpecInput } from './agent-type.js';
import { FreeAgents } from './free-agents.js';
import { PoolGrowth } from './growth.js';
import { unservable } from './serviceability.js';
import type { PoolHost } from './pool-host.js';
import type { QueuedTask } from './queued-task.js';
import { TaskQueue } from './task-queue.js';
import { endSpan, recordQueueWait, startTaskSpan, taskContext } from '../telemetry/tracing.js';

/** Options of one `submit`. */
export interface SubmitOptions {
  /** Aborting cancels the task (removed from the queue, or cancelled on its agent) with `CANCELLED`. */
  signal?: AbortSignal;
  /** Overrides of the runtime's retry policy (`recovery.taskMaxAttempts`, `recovery.retryOn`). */
  retry?: Partial<RetryPolicy>;
  /**
   * State to resume from (a checkpoint an earlier run of this task sent elsewhere, e.g. on another host). Handed to
   * the first attempt, and to a retry when this runtime holds no newer checkpoint of the task. Default: none.
   */
  checkpoint?: unknown;
}

// Failures that say nothing about the agent type's health.
const NOT_THE_AGENTS_FAULT = new Set([
  'CANCELLED',
  'INVALID_DELEGATION',
  'SHUTTING_DOWN',
  'AGENT_BUSY',
  'AGENT_NOT_FOUND',
]);
// Failures that end the agent's process: every task on it fails with one, but it is one failure of the type.
const PROCESS_ENDED = new Set(['AGENT_CRASHED', 'RESOURCE_LIMIT_EXCEEDED', 'HEARTBEAT_TIMEOUT']);

/**
 * The worker pool: a priority queue of submitted tasks dispatched to healthy agents with a free slot (up to each
 * agent's `concurrency` tasks at once, the least loaded first) whose capabilities cover the task's, growing agent
 * types up to their `max` (and `maxConcurrentProcesses`), keeping `minIdle` agents warm, retrying per the retry
 * policy from the last checkpoint, and honouring per-type breakers. Which agent has a free slot is the executor's
 * answer, and a dispatched task claims its slot synchronously: there is no pick-then-claim race to retry.
 * Dispatching one task costs O(capability sets × agent groups + log agents), whatever the number of queued tasks
 * (see {@link FreeAgents} and {@link TaskQueue}).
 */
export class WorkerPool {
  private readonly queue = new TaskQueue();
  private readonly types = new Map<string, AgentTypeSpec>();
  private readonly growth: PoolGrowth;
  private readonly free: FreeAgents;
  private readonly running = new Set<Promise<void>>();
  private readonly runningTasks = new Set<QueuedTask>();
  private accepting = true;
  private pumping = false;
  private pumpAgain = false;
  private breakerTimer: NodeJS.Timeout | undefined;
  // Agent processes (handles) whose end was already counted against their type's breaker.
  private readonly endsCounted = new WeakSet<object>();

  constructor(private readonly host: PoolHost) {
    this.free = new FreeAgents(host);
    this.growth = new PoolGrowth(host, this.types, {
      started: () => this.pump(),
      failed: (type) => {
        if (!this.accepting) return;
        if (this.host.breaker(type).recordFailure()) this.onBreakerOpened(type);
        else setTimeout(() => this.pump(), 100).unref();
      },
    });
  }

  /** Registers (or replaces) an agent type; returns the validated spec. */
  register(type: string, input: AgentTypeSpecInput): AgentTypeSpec {
    const spec = parseAgentType(type, input);
    this.types.set(type, spec);
    return spec;
  }

  /** Registered agent types. */
  registeredTypes(): ReadonlyMap<string, AgentTypeSpec> {
    return this.types;
  }

  /** Tasks waiting for an agent. */
  get queued(): number {
    return this.queue.size;
  }

  /** Tasks running on agents. */
  get inFlight(): number {
    return this.runningTasks.size;
  }

  /** Queues a task and resolves with its result once an agent ran it (retries included). */
  submit(input: TaskDelegationInput, options: SubmitOptions = {}): Promise<TaskResult> {
    if (!this.accepting)
      return Promise.reject(new RuntimeError('SHUTTING_DOWN', 'the runtime is shutting down; submit refused'));
    let task;
    try {
      task = parseDelegation(input);
    } catch (e) {
      return Promise.reject(toRuntimeError(e, 'INVALID_DELEGATION'));
    }
    const refusal = unservable(this.host, this.types, task);
    if (refusal) return Promise.reject(refusal);
    const c = this.host.config.recovery;
    return new Promise<TaskResult>((resolve, reject) => {
      const entry: QueuedTask = {
        task,
        attempt: 1,
        policy: {
          maxAttempts: options.retry?.maxAttempts ?? c.taskMaxAttempts,
          retryOn: options.retry?.retryOn ?? c.retryOn,
        },
        controller: new AbortController(),
        ...(options.checkpoint !== undefined && { resumeFrom: options.checkpoint }),
        settled: false,
        span: startTaskSpan(task.taskId, task.priority),
        queuedAt: Date.now(),
        resolve: (r) => {
          entry.settled = true;
          endSpan(entry.span);
          resolve(r);
        },
        reject: (e) => {
          entry.settled = true;
          endSpan(entry.span, e);
          reject(e);
        },
      };
      const signal = options.signal;
      if (signal) {
        if (signal.aborted)
          return entry.reject(
            new RuntimeError('CANCELLED', `task ${task.taskId} was cancelled before it was queued`, {
              cause: signal.reason,
            }),
          );
        signal.addEventListener('abort', () => this.cancel(entry, 'cancelled by the caller'), { once: true });
      }
      this.queue.push(entry, task.priority);
      this.host.bus.publish({
        type: 'task.queued',
        taskId: task.taskId,
        priority: task.priority,
        queueLength: this.queue.size,
      });
      this.run();
    });
  }

  /**
   * Dispatches queued tasks to free agents, grows types and keeps warm agents; safe to call any time. Looks at every
   * agent again: call it after a change that may free any agent (spawn, restart, new type, breaker).
   */
  pump(): void {
    this.free.invalidate();
    this.growth.reset();
    this.run();
  }

  /** `record` may have become free (its task ended, or it went Ready/Idle): dispatches to it without a full scan. */
  offer(record: AgentRecord): void {
    this.free.offer(record);
    this.run();
  }

  private run(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        this.dispatch();
        if (this.accepting) {
          this.growth.grow(() => this.queue.heads(), this.queue.size);
          this.growth.keepWarm();
        }
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  /** Stops accepting work, fails queued tasks with `SHUTTING_DOWN`; returns promises of the running ones. */
  stop(): Promise<void>[] {
    this.accepting = false;
    if (this.breakerTimer) clearTimeout(this.breakerTimer);
    for (const entry of this.queue.drain()) {
      this.publishFailed(entry, undefined, 'SHUTTING_DOWN', 'the runtime shut down before the task started', false);
      entry.reject(
        new RuntimeError('SHUTTING_DOWN', `task ${entry.task.taskId} was not started: the runtime shut down`, {
          data: { taskId: entry.task.taskId },
        }),
      );
      this.host.taskFinished(false);
    }
    return [...this.running];
  }

  /** Cancels every running task (shutdown deadline passed). */
  cancelRunning(reason: string): void {
    for (const entry of this.runningTasks) this.cancel(entry, reason);
  }

  /** Fails queued tasks that no agent can ever serve now (breaker open, type gone); called after such events. */
  failUnservable(): void {
    this.growth.reset();
    for (const entry of this.queue.values()) {
      const refusal = unservable(this.host, this.types, entry.task);
      if (!refusal) continue;
      this.queue.remove(entry);
      this.publishFailed(entry, undefined, refusal.code, refusal.message, false);
      entry.reject(refusal);
      this.host.taskFinished(false);
    }
  }

  private cancel(entry: QueuedTask, reason: string): void {
    if (entry.settled) return;
    if (this.queue.remove(entry)) {
      this.host.bus.publish({ type: 'task.cancelled', taskId: entry.task.taskId, reason });
      entry.reject(
        new RuntimeError('CANCELLED', `task ${entry.task.taskId} was cancelled while queued: ${reason}`, {
          data: { taskId: entry.task.taskId },
        }),
      );
      this.host.taskFinished(false);
      return;
    }
    entry.controller.abort(new RuntimeError('CANCELLED', reason));
  }

  // Half-open types whose one trial is already out, during one dispatch: no more of their agents this round.
  private trialTaken: Set<string> | undefined;
  private readonly usable = (type: string) => !this.trialTaken?.has(type) && this.host.breaker(type).state !== 'open';
  private readonly agentFor = (entry: QueuedTask) => this.free.best(entry.task.requiredCapabilities, this.usable);

  // Best queued task first, each to the covering agent with the most free slots, then the fewest tasks run.
  private dispatch(): void {
    if (this.queue.size === 0 || this.free.size === 0) return;
    this.trialTaken = undefined;
    while (this.queue.size > 0) {
      const found = this.queue.first(this.agentFor);
      if (!found) return;
      const { entry, value: agent } = found;
      const breaker = this.host.breaker(agent.type);
      if (breaker.state === 'half-open' && !breaker.tryAcquire()) {
        (this.trialTaken ??= new Set()).add(agent.type);
        continue;
      }
      this.queue.remove(entry);
      this.start(entry, agent);
      this.free.offer(agent); // one slot fewer, or busy now
    }
  }

  private start(entry: QueuedTask, agent: AgentRecord): void {
    const resume = entry.attempt === 1 || this.host.config.recovery.enableCheckpointing;
    const checkpoint =
      resume && entry.resumeFrom !== undefined
        ? (this.host.checkpoint(entry.task.taskId) ?? entry.resumeFrom)
        : undefined;
    this.runningTasks.add(entry);
    const handle = agent.handle;
    recordQueueWait(entry.span, entry.queuedAt, entry.attempt);
    const run = context
      .with(taskContext(entry.span), () =>
        this.host.runAttempt(agent, entry.task, {
          attempt: entry.attempt,
          signal: entry.controller.signal,
          resume,
          ...(checkpoint !== undefined && { checkpoint }),
        }),
      )
      .then(
        (result) => {
          if (this.host.breaker(agent.type).recordSuccess())
            this.host.bus.publish({ type: 'recovery.breaker-closed', agentType: agent.type });
          entry.resolve(result);
          this.host.taskFinished(true);
        },
        (error: unknown) => this.onFailure(entry, agent, toRuntimeError(error, 'TASK_FAILED'), handle),
      )
      .finally(() => {
        this.runningTasks.delete(entry);
        this.running.delete(run);
        this.offer(agent);
      });
    this.running.add(run);
  }

  private onFailure(entry: QueuedTask, agent: AgentRecord, error: RuntimeError, handle: object | undefined): void {
    const code = error.code;
    // A task that never reached its agent (found stopped when it started) says nothing about the agent type.
    const notRun = error.data.notRun === true;
    if (!notRun && !NOT_THE_AGENTS_FAULT.has(code) && this.countsAgainstType(code, handle)) {
      if (this.host.breaker(agent.type).recordFailure()) this.onBreakerOpened(agent.type);
    }
    const retry = this.accepting && !entry.controller.signal.aborted && shouldRetry(entry.policy, code, entry.attempt);
    this.publishFailed(entry, agent.id, code, error.message, retry);
    if (!retry) {
      entry.reject(error);
      this.host.taskFinished(false);
      return;
    }
    entry.attempt++;
    const fromCheckpoint =
      this.host.config.recovery.enableCheckpointing && this.host.checkpoint(entry.task.taskId) !== undefined;
    this.host.bus.publish({ type: 'task.retrying', taskId: entry.task.taskId, attempt: entry.attempt, fromCheckpoint });
    entry.queuedAt = Date.now();
    this.queue.push(entry, entry.task.priority);
  }

  // An agent that ended with several tasks on it counts once, not once per task.
  private countsAgainstType(code: string, handle: object | undefined): boolean {
    if (!PROCESS_ENDED.has(code) || handle === undefined) return true;
    if (this.endsCounted.has(handle)) return false;
    this.endsCounted.add(handle);
    return true;
  }

  private onBreakerOpened(type: string): void {
    const b = this.host.breaker(type);
    const c = this.host.config.recovery;
    this.host.bus.publish({
      type: 'recovery.breaker-opened',
      agentType: type,
      failures: b.consecutiveFailures,
      cooldownMs: c.breakerCooldown,
    });
    this.failUnservable();
    // Wake up when a trial becomes possible, so queued work for the type is not stuck.
    if (this.breakerTimer) clearTimeout(this.breakerTimer);
    this.breakerTimer = setTimeout(() => {
      this.breakerTimer = undefined;
      if (this.host.breaker(type).state === 'half-open')
        this.host.bus.publish({ type: 'recovery.breaker-half-open', agentType: type });
      this.pump();
    }, b.retryInMs + 1);
    this.breakerTimer.unref();
  }

  private publishFailed(
    entry: QueuedTask,
    agentId: string | undefined,
    code: RuntimeErrorCode,
    message: string,
    willRetry: boolean,
  ): void {
    this.host.bus.publish({
      type: 'task.failed',
      taskId: entry.task.taskId,
      ...(agentId !== undefined && { agentId }),
      attempt: entry.attempt,
      code,
      message,
      willRetry,
    });
  }
}
