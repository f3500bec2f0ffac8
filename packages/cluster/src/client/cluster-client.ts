import { toRuntimeError, type RetryPolicy } from '@axon/core/internals';
import { runSlidingWindow } from '@axon/executor/internals';
import { hostname } from 'node:os';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { MessageBus, RuntimeError, parseRuntimeConfig, type RuntimeConfigInput } from '@axon/core';
import { parseDelegation, type TaskDelegationInput, type TaskResult } from '@axon/executor';
import { BusBridge, DEFAULT_MAX_BUS_MESSAGE_BYTES } from '../bus/bus-bridge.js';
import { ClusterError } from '../errors/cluster-error.js';
import { clusterKeys, type ClusterKeys } from '../keys.js';
import { DEFAULT_RESULT_TTL, DEFAULT_STALE_AFTER, positiveInt, type ClusterConnectionOptions } from '../options.js';
import { Channels } from '../redis/channels.js';
import { commitOutcome, parseDoneMessage } from '../redis/commit.js';
import { DEFAULT_PREFIX, checkRedisUrl, connectRedis, openRedis, unavailable } from '../redis/connect.js';
import { bullPriority, queueFor } from '../routing.js';
import { readClusterStatistics } from '../stats/read-statistics.js';
import type { ClusterStatistics } from '../stats/host-stats.js';
import { decodeOutcome, encodeError, type WireOutcome } from '../wire.js';
import { checkTaskId, type TaskJobData } from './job-data.js';
import { Waiters } from './waiters.js';

/** Options of a {@link ClusterClient}. */
export interface ClusterClientOptions extends ClusterConnectionOptions {
  /** Runtime configuration whose `recovery.taskMaxAttempts` and `recovery.retryOn` are the default retry policy. */
  config?: RuntimeConfigInput;
  /** First delay between two attempts of a task; doubles each time (BullMQ exponential backoff), ms. Default 1 000. */
  retryBackoff?: number;
  /** A submit that Redis does not acknowledge within this fails with `REDIS_UNAVAILABLE`, ms. Default 5 000. */
  submitTimeout?: number;
}

/** Options of one {@link ClusterClient.submit}, as `AgentRuntime.submit`'s. */
export interface ClusterSubmitOptions {
  /** Aborting cancels the task wherever it is: removed from its queue, or cancelled on the host running it. */
  signal?: AbortSignal;
  /** Overrides of the retry policy (`maxAttempts` → BullMQ `attempts`; `retryOn` → the codes that retry). */
  retry?: Partial<RetryPolicy>;
}

/**
 * The submit side of a cluster: `submit(delegation)` with `AgentRuntime.submit`'s contract (the task's result, or a
 * `RuntimeError` with the code the host raised; `signal` cancels; the task id is the job id, so a duplicate submit
 * waits for the same task), run by whichever worker host consumes the queue of the task's capabilities.
 */
export class ClusterClient {
  /** Bus spanning the cluster: topic messages (`bus.message`) of every host arrive here, and go to every host. */
  readonly bus: MessageBus;
  /** This client's id on the cluster bus (`origin` of the messages it publishes). */
  readonly hostId: string;
  private readonly url: string;
  private readonly keys: ClusterKeys;
  private readonly redis: Redis;
  private readonly sub: Redis;
  private readonly channels: Channels;
  private readonly bridge: BusBridge;
  private readonly queues = new Map<string, Queue>();
  private readonly waiters = new Waiters();
  private readonly policy: RetryPolicy;
  private readonly retryBackoff: number;
  private readonly submitTimeout: number;
  private readonly resultTtl: number;
  private readonly staleAfter: number;
  private starting: Promise<void> | undefined;
  private closed = false;

  constructor(options: ClusterClientOptions) {
    this.url = checkRedisUrl(options?.redis, 'redis');
    const prefix = options.prefix ?? DEFAULT_PREFIX;
    this.keys = clusterKeys(prefix);
    const recovery = parseRuntimeConfig(options.config ?? {}).recovery;
    this.policy = { maxAttempts: recovery.taskMaxAttempts, retryOn: recovery.retryOn };
    this.retryBackoff = positiveInt(options.retryBackoff, 'retryBackoff', 1_000);
    this.submitTimeout = positiveInt(options.submitTimeout, 'submitTimeout', 5_000);
    this.resultTtl = positiveInt(options.resultTtl, 'resultTtl', DEFAULT_RESULT_TTL);
    this.staleAfter = positiveInt(options.staleAfter, 'staleAfter', DEFAULT_STALE_AFTER);
    this.hostId = `client-${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    this.redis = openRedis(this.url, 'client', `${prefix}:client`);
    this.sub = openRedis(this.url, 'worker', `${prefix}:client-sub`);
    this.redis.on('error', () => undefined);
    this.channels = new Channels(this.sub);
    this.bus = new MessageBus({ historySize: 1000 });
    this.bridge = new BusBridge({
      bus: this.bus,
      pub: this.redis,
      channels: this.channels,
      channel: this.keys.busChannel,
      hostId: this.hostId,
      maxMessageBytes: positiveInt(options.maxBusMessageBytes, 'maxBusMessageBytes', DEFAULT_MAX_BUS_MESSAGE_BYTES),
    });
  }

  /** Connects to Redis (idempotent); `REDIS_UNAVAILABLE` when it does not answer. Called by `submit` as needed. */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    this.starting ??= (async () => {
      await connectRedis(this.redis, this.url);
      await connectRedis(this.sub, this.url);
      this.channels.markConnected();
      await this.channels.on(this.keys.doneChannel, (message) => {
        const done = parseDoneMessage(message);
        if (!done) return;
        const [taskId, outcome] = done;
        if (outcome) this.waiters.settle(taskId, decodeOutcome(outcome));
        else void this.fetchOutcome(taskId);
      });
      this.channels.onReconnect(() => {
        for (const id of this.waiters.ids()) void this.fetchOutcome(id);
      });
      await this.bridge.start();
    })().catch((e: unknown) => {
      this.starting = undefined;
      throw unavailable(e, this.url);
    });
    return this.starting;
  }

  /**
   * Queues a task on the queue of its required capabilities and resolves with its result once a host committed it;
   * rejects with the host's `RuntimeError` (`CANCELLED`, `TIMEOUT`, …), `INVALID_DELEGATION` before queueing, or a
   * `ClusterError` `REDIS_UNAVAILABLE` at once when Redis cannot take the submission.
   */
  async submit(delegation: TaskDelegationInput, options: ClusterSubmitOptions = {}): Promise<TaskResult> {
    let task;
    try {
      task = parseDelegation(delegation);
    } catch (e) {
      throw toRuntimeError(e, 'INVALID_DELEGATION');
    }
    checkTaskId(task.taskId);
    const signal = options.signal;
    if (signal?.aborted)
      throw new RuntimeError('CANCELLED', `task ${task.taskId} was cancelled before it was queued`, {
        cause: signal.reason,
        data: { taskId: task.taskId },
      });
    await this.start();
    if (this.redis.status !== 'ready') throw unavailable(new Error(`connection is ${this.redis.status}`), this.url);
    const policy = { ...this.policy, ...options.retry };
    const added = this.waiters.add(task.taskId);
    const { promise, waiter } = added;
    const data: TaskJobData = { task, retryOn: [...policy.retryOn], submittedAt: Date.now() };
    try {
      await this.withTimeout(
        this.queue(queueFor(task.requiredCapabilities)).add('task', data, {
          jobId: task.taskId,
          priority: bullPriority(task.priority),
          attempts: policy.maxAttempts,
          backoff: { type: 'exponential', delay: this.retryBackoff },
          removeOnComplete: { age: Math.ceil(this.resultTtl / 1000) },
          removeOnFail: { age: Math.ceil(this.resultTtl / 1000) },
        }),
      );
    } catch (e) {
      added.drop();
      throw unavailable(e, this.url);
    }
    void this.fetchOutcome(task.taskId); // already committed (a duplicate submit), or committed meanwhile
    if (signal) {
      const onAbort = () => void this.cancel(task.taskId, waiter);
      signal.addEventListener('abort', onAbort, { once: true });
      void promise.then(
        () => signal.removeEventListener('abort', onAbort),
        () => signal.removeEventListener('abort', onAbort),
      );
    }
    return promise;
  }

  /** Runs delegations across the cluster, at most `maxParallel` at once; one settled result per delegation, in order. */
  async executeTasksParallel(
    delegations: readonly TaskDelegationInput[],
    maxParallel = Number.MAX_SAFE_INTEGER,
  ): Promise<PromiseSettledResult<TaskResult>[]> {
    if (!Number.isInteger(maxParallel) || maxParallel < 1)
      throw new RuntimeError('INVALID_ARGUMENT', `maxParallel must be an integer >= 1, got ${maxParallel}`, {
        data: { path: 'maxParallel' },
      });
    return runSlidingWindow(delegations, (d) => this.submit(d), { maxParallel });
  }

  /** Statistics of every live worker host and their sums, and the job counts of the queues they consume. */
  async getStatistics(): Promise<ClusterStatistics> {
    await this.start();
    try {
      return await readClusterStatistics(this.redis, this.keys, this.staleAfter, (name) => this.queue(name));
    } catch (e) {
      throw unavailable(e, this.url);
    }
  }

  /** Closes the connections; waiting callers get `CLOSED` (their tasks go on in the cluster). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.bridge.stop();
    this.waiters.rejectAll(closedError());
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.sub.disconnect();
    this.redis.disconnect();
  }

  private queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.redis, prefix: this.keys.bullPrefix });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  private async fetchOutcome(taskId: string): Promise<void> {
    if (!this.waiters.has(taskId)) return;
    let raw: string | null;
    try {
      raw = await this.redis.get(this.keys.outcome(taskId));
    } catch {
      return; // the reconnect handler asks again
    }
    if (raw !== null) this.waiters.settle(taskId, decodeOutcome(JSON.parse(raw) as WireOutcome));
  }

  // Marks the task cancelled (a host that picks it up later refuses it), tells the host running it, and removes it
  // from its queue when no host has it; the outcome (`CANCELLED`, or a result that won the race) settles the caller.
  private async cancel(taskId: string, waiter: Parameters<Waiters['rejectOne']>[1]): Promise<void> {
    const reason = 'cancelled by the caller';
    try {
      await this.redis.set(this.keys.cancelled(taskId), reason, 'PX', this.resultTtl);
      await this.redis.publish(this.keys.cancelChannel, taskId);
      const job = await this.findJob(taskId);
      if (job && (await job.isActive()) === false) {
        await job.remove();
        const error = new RuntimeError('CANCELLED', `task ${taskId} was cancelled while queued: ${reason}`, {
          data: { taskId },
        });
        await commitOutcome(this.redis, this.keys, taskId, encodeError(this.hostId, error), this.resultTtl);
      }
    } catch (cause) {
      if (this.redis.status !== 'ready')
        this.waiters.rejectOne(
          taskId,
          waiter,
          new RuntimeError('CANCELLED', `task ${taskId} was cancelled; Redis is unreachable, so it may still run`, {
            cause,
            data: { taskId },
          }),
        );
      // Otherwise the job was locked meanwhile: the host running it got the cancel message.
    }
  }

  private async findJob(taskId: string) {
    for (const q of this.queues.values()) {
      const job = await q.getJob(taskId);
      if (job) return job;
    }
    return undefined;
  }

  private withTimeout<T>(p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.submitTimeout} ms`)), this.submitTimeout);
      }),
    ]).finally(() => clearTimeout(timer));
  }
}

function closedError(): ClusterError {
  return new ClusterError('CLOSED', 'this ClusterClient was closed; create a new one');
}
