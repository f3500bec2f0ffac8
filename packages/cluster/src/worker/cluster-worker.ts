import { toRuntimeError } from '@axon/core/internals';
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  AgentRuntime,
  RuntimeError,
  type AgentTypeSpecInput,
  type RuntimeConfigInput,
  type ShutdownReport,
} from '@axon/core';
import { BusBridge, DEFAULT_MAX_BUS_MESSAGE_BYTES } from '../bus/bus-bridge.js';
import type { TaskJobData } from '../client/job-data.js';
import { ClusterError } from '../errors/cluster-error.js';
import { clusterKeys, type ClusterKeys } from '../keys.js';
import { DEFAULT_RESULT_TTL, positiveInt, type ClusterConnectionOptions } from '../options.js';
import { Channels } from '../redis/channels.js';
import { commitOutcome } from '../redis/commit.js';
import { DEFAULT_PREFIX, checkRedisUrl, connectRedis, openRedis } from '../redis/connect.js';
import { queuesServed } from '../routing.js';
import { hostReport, newCounters, type HostReport, type WorkerCounters } from '../stats/host-stats.js';
import { encodeError, encodeResult, type WireOutcome } from '../wire.js';
import { DEFAULT_MAX_CHECKPOINT_BYTES, parseCheckpoint, readJobState, writeCheckpoints } from './checkpoint-writer.js';
import { queueConcurrency } from './concurrency.js';

/** Options of a {@link ClusterWorker}. */
export interface ClusterWorkerOptions extends ClusterConnectionOptions {
  /** Agent types this host runs (as `AgentRuntime.registerAgentType`); their capabilities pick the queues. Required. */
  agentTypes: Record<string, AgentTypeSpecInput>;
  /** Configuration of the host's runtime (ignored when `runtime` is given). Default: the seed's defaults. */
  config?: RuntimeConfigInput;
  /** A runtime to feed instead of a new one (the worker then does not shut it down). */
  runtime?: AgentRuntime;
  /** This host's id in statistics and outcomes. Default `<hostname>-<pid>`. */
  hostId?: string;
  /**
   * How long a job stays locked without a renewal (BullMQ `lockDuration`): after a host dies, its jobs run again
   * elsewhere after about this long plus `stalledInterval`, ms. Default 30 000.
   */
  lockDuration?: number;
  /** How often this host looks for stalled jobs of dead hosts (BullMQ `stalledInterval`), ms. Default 15 000. */
  stalledInterval?: number;
  /** How many times one job may stall (its host died) before it fails (BullMQ `maxStalledCount`). Default 3. */
  maxStalledCount?: number;
  /** How often this host writes its statistics to Redis, ms. Default 2 000. */
  statsInterval?: number;
  /** Bound of one checkpoint written to Redis (serialized JSON), bytes. Default 1 048 576 (1 MiB). */
  maxCheckpointBytes?: number;
  /** On `close()`, how long running jobs may finish before they are left to stall and run elsewhere, ms. Default 10 000. */
  drainTimeout?: number;
}

/**
 * A worker host: an `AgentRuntime` fed from the BullMQ queues of its agent types' capabilities. Each job runs through
 * `runtime.submit` (so limits, budgets, deadlines, sandbox and audit are the host's), resumes from the last checkpoint
 * in Redis, writes new checkpoints there as they arrive, and commits its outcome exactly once.
 */
export class ClusterWorker {
  /** The runtime the jobs run on. */
  readonly runtime: AgentRuntime;
  /** This host's id. */
  readonly hostId: string;
  /** Counters of this host's cluster work. */
  readonly counters: WorkerCounters = newCounters();
  private readonly url: string;
  private readonly keys: ClusterKeys;
  private readonly redis: Redis;
  private readonly sub: Redis;
  private readonly channels: Channels;
  private readonly bridge: BusBridge;
  private readonly ownsRuntime: boolean;
  private readonly workers: Worker[] = [];
  private readonly active = new Set<string>();
  private readonly cancelled = new Set<string>();
  private readonly o: Required<
    Pick<
      ClusterWorkerOptions,
      | 'lockDuration'
      | 'stalledInterval'
      | 'maxStalledCount'
      | 'statsInterval'
      | 'maxCheckpointBytes'
      | 'drainTimeout'
      | 'resultTtl'
    >
  >;
  private readonly queueNames: string[];
  private statsTimer: NodeJS.Timeout | undefined;
  private unwatch: (() => void) | undefined;
  private starting: Promise<void> | undefined;
  private closing: Promise<ShutdownReport | undefined> | undefined;

  constructor(options: ClusterWorkerOptions) {
    this.url = checkRedisUrl(options?.redis, 'redis');
    const prefix = options.prefix ?? DEFAULT_PREFIX;
    this.keys = clusterKeys(prefix);
    this.hostId = options.hostId ?? `${hostname()}-${process.pid}`;
    if (
      typeof options.agentTypes !== 'object' ||
      options.agentTypes === null ||
      !Object.keys(options.agentTypes).length
    )
      throw new ClusterError('INVALID_ARGUMENT', 'agentTypes must name at least one agent type', {
        data: { path: 'agentTypes' },
      });
    this.o = {
      lockDuration: positiveInt(options.lockDuration, 'lockDuration', 30_000),
      stalledInterval: positiveInt(options.stalledInterval, 'stalledInterval', 15_000),
      maxStalledCount: positiveInt(options.maxStalledCount, 'maxStalledCount', 3),
      statsInterval: positiveInt(options.statsInterval, 'statsInterval', 2_000),
      maxCheckpointBytes: positiveInt(options.maxCheckpointBytes, 'maxCheckpointBytes', DEFAULT_MAX_CHECKPOINT_BYTES),
      drainTimeout: positiveInt(options.drainTimeout, 'drainTimeout', 10_000),
      resultTtl: positiveInt(options.resultTtl, 'resultTtl', DEFAULT_RESULT_TTL),
    };
    this.ownsRuntime = options.runtime === undefined;
    this.runtime = options.runtime ?? new AgentRuntime(options.config ?? {});
    const types = Object.entries(options.agentTypes).map(([type, spec]) => ({
      type,
      spec: this.runtime.registerAgentType(type, spec),
    }));
    this.queueNames = queuesServed(types.map((t) => t.spec.capabilities));
    this.concurrency = queueConcurrency(
      this.queueNames,
      types.map((t) => t.spec),
      this.runtime.config.process.maxConcurrentProcesses,
    );
    this.redis = openRedis(this.url, 'worker', `${prefix}:worker:${this.hostId}`);
    this.sub = openRedis(this.url, 'worker', `${prefix}:worker-sub:${this.hostId}`);
    this.redis.on('error', () => undefined);
    this.channels = new Channels(this.sub);
    this.bridge = new BusBridge({
      bus: this.runtime.bus,
      pub: this.redis,
      channels: this.channels,
      channel: this.keys.busChannel,
      hostId: this.hostId,
      maxMessageBytes: positiveInt(options.maxBusMessageBytes, 'maxBusMessageBytes', DEFAULT_MAX_BUS_MESSAGE_BYTES),
    });
  }

  private readonly concurrency: Map<string, number>;

  /** Queues this host consumes. */
  get queues(): readonly string[] {
    return this.queueNames;
  }

  /**
   * Starts the runtime, connects to Redis (`REDIS_UNAVAILABLE` when it does not answer at first; later outages are
   * ridden out by reconnecting) and starts consuming. Idempotent.
   */
  start(): Promise<void> {
    if (this.closing) return Promise.reject(new ClusterError('CLOSED', 'this ClusterWorker was closed'));
    this.starting ??= (async () => {
      await this.runtime.start();
      await connectRedis(this.redis, this.url);
      await connectRedis(this.sub, this.url);
      this.channels.markConnected();
      await this.channels.on(this.keys.cancelChannel, (taskId) => this.applyCancel(taskId));
      await this.bridge.start();
      this.unwatch = writeCheckpoints({
        executor: this.runtime.executor,
        redis: this.redis,
        keys: this.keys,
        ours: (id) => this.active.has(id),
        ttlMs: this.o.resultTtl,
        maxBytes: this.o.maxCheckpointBytes,
        counters: this.counters,
      });
      for (const name of this.queueNames) {
        const w = new Worker<TaskJobData>(name, (job, _token, signal) => this.process(job, signal), {
          connection: this.redis,
          prefix: this.keys.bullPrefix,
          concurrency: this.concurrency.get(name) ?? 1,
          lockDuration: this.o.lockDuration,
          stalledInterval: this.o.stalledInterval,
          maxStalledCount: this.o.maxStalledCount,
          autorun: false,
        });
        w.on('error', () => undefined);
        w.on('failed', (job) => {
          if (job) void this.commitQueueFailure(job);
        });
        this.workers.push(w);
        void w.run().catch(() => undefined);
      }
      await Promise.all(this.workers.map((w) => w.waitUntilReady()));
      this.report();
      this.statsTimer = setInterval(() => this.report(), this.o.statsInterval);
      this.statsTimer.unref();
    })();
    return this.starting;
  }

  /**
   * Stops taking jobs, lets running ones finish for up to `drainTimeout` (the rest stay locked and run again on
   * another host once their lock expires), removes this host from the statistics, closes the connections and shuts
   * the runtime down when the worker created it. Idempotent.
   */
  close(): Promise<ShutdownReport | undefined> {
    this.closing ??= (async () => {
      if (this.starting) await this.starting.catch(() => undefined);
      if (this.statsTimer) clearInterval(this.statsTimer);
      const drained = Promise.all(this.workers.map((w) => w.close()));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        drained.then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), this.o.drainTimeout))),
      ]);
      clearTimeout(timer);
      if (timedOut) await Promise.allSettled(this.workers.map((w) => w.close(true)));
      this.bridge.stop();
      this.unwatch?.();
      await this.redis.hdel(this.keys.hosts, this.hostId).catch(() => undefined);
      const report = this.ownsRuntime ? await this.runtime.shutdown() : undefined;
      this.sub.disconnect();
      this.redis.disconnect();
      return report;
    })();
    return this.closing;
  }

  private async process(job: Job<TaskJobData>, signal: AbortSignal | undefined): Promise<{ committed: boolean }> {
    const taskId = job.id!;
    this.counters.jobsStarted++;
    // One round trip: the committed outcome, the cancel mark and the last checkpoint.
    const [done, cancelled, saved] = await readJobState(this.redis, this.keys, taskId);
    if (done !== null) return { committed: false }; // another run of this task already committed it
    if (signal?.aborted || cancelled) {
      const error = new RuntimeError('CANCELLED', `task ${taskId} was cancelled before it started`, {
        data: { taskId },
      });
      await this.commit(taskId, encodeError(this.hostId, error));
      throw new UnrecoverableError(error.message);
    }
    const checkpoint = parseCheckpoint(saved);
    if (checkpoint !== undefined) this.counters.resumedFromCheckpoint++;
    this.active.add(taskId);
    try {
      const result = await this.runtime.submit(job.data.task, {
        ...(signal && { signal }),
        retry: { maxAttempts: 1 },
        ...(checkpoint !== undefined && { checkpoint }),
      });
      return { committed: await this.commit(taskId, encodeResult(this.hostId, result)) };
    } catch (e) {
      const byCaller = this.cancelled.has(taskId);
      if (this.closing && !byCaller) throw e; // left to stall: another host runs it again
      const error = toRuntimeError(e, 'TASK_FAILED', { taskId, hostId: this.hostId });
      const final =
        byCaller || !job.data.retryOn.includes(error.code) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!final) throw error; // BullMQ retries it (on any host) after its backoff
      await this.commit(taskId, encodeError(this.hostId, error));
      throw new UnrecoverableError(`${error.code}: ${error.message}`);
    } finally {
      this.active.delete(taskId);
      this.cancelled.delete(taskId);
    }
  }

  private async commit(taskId: string, outcome: WireOutcome): Promise<boolean> {
    const r = await commitOutcome(this.redis, this.keys, taskId, outcome, this.o.resultTtl);
    if (r.committed) this.counters.committed++;
    else this.counters.commitsRefused++;
    return r.committed;
  }

  // A job BullMQ failed without running it to an outcome of ours: it stalled more than `maxStalledCount` times (its
  // hosts kept dying), or its last attempt threw before committing. `finishedOn` is set only when it failed for good
  // (not when BullMQ retries it). The first commit wins, so a failure this host committed already stays as it was.
  private async commitQueueFailure(job: Job<TaskJobData>): Promise<void> {
    const taskId = job.id;
    if (taskId === undefined || !job.finishedOn) return;
    const data = { taskId, hostId: this.hostId };
    const error = job.deferredFailure
      ? new RuntimeError(
          'AGENT_CRASHED',
          `task ${taskId} was abandoned: the hosts running it died or lost its lock ${job.stalledCounter} times, ` +
            `more than maxStalledCount (${this.o.maxStalledCount})`,
          { data: { ...data, reason: 'stalled', stalls: job.stalledCounter, maxStalledCount: this.o.maxStalledCount } },
        )
      : new RuntimeError('TASK_FAILED', `task ${taskId} failed in its queue: ${job.failedReason}`, {
          data: { ...data, reason: 'queue' },
        });
    try {
      const r = await commitOutcome(this.redis, this.keys, taskId, encodeError(this.hostId, error), this.o.resultTtl);
      if (r.committed) {
        this.counters.committed++;
        if (job.deferredFailure) this.counters.abandoned++;
      }
    } catch {
      // Redis went away while this host was closing: the job stays failed without an outcome (docs/scale-out.md).
    }
  }

  private applyCancel(taskId: string): void {
    if (!this.active.has(taskId)) return;
    this.cancelled.add(taskId);
    for (const w of this.workers) if (w.cancelJob(taskId, 'cancelled by the caller')) this.counters.cancelsApplied++;
  }

  private report(): void {
    const report: HostReport = hostReport(
      {
        hostId: this.hostId,
        hostname: hostname(),
        pid: process.pid,
        queues: this.queueNames,
        counters: this.counters,
      },
      this.runtime.getStatistics(),
    );
    this.redis.hset(this.keys.hosts, this.hostId, JSON.stringify(report)).catch(() => undefined);
  }
}
