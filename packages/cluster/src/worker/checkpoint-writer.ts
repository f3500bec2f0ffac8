import type { AgentExecutor } from '@axon/executor';
import type { Redis } from 'ioredis';
import type { ClusterKeys } from '../keys.js';
import type { WorkerCounters } from '../stats/host-stats.js';

/** Default bound of one checkpoint written to Redis (serialized JSON), bytes. */
export const DEFAULT_MAX_CHECKPOINT_BYTES = 1024 * 1024;

/**
 * Writes each checkpoint of the tasks this host runs to Redis as it arrives (`task/checkpoint` from the agent), so
 * that a re-run on another host resumes from it. Writes go out in order on one connection: the last one wins.
 */
export function writeCheckpoints(o: {
  executor: AgentExecutor;
  redis: Redis;
  keys: ClusterKeys;
  ours: (taskId: string) => boolean;
  ttlMs: number;
  maxBytes: number;
  counters: WorkerCounters;
}): () => void {
  return o.executor.subscribe((e) => {
    if (e.type !== 'task-checkpoint' || !o.ours(e.taskId)) return;
    let json: string | undefined;
    try {
      json = JSON.stringify(o.executor.getCheckpoint(e.taskId));
    } catch {
      json = undefined;
    }
    if (json === undefined || Buffer.byteLength(json) > o.maxBytes) {
      o.counters.checkpointsDropped++;
      return;
    }
    o.redis.set(o.keys.checkpoint(e.taskId), json, 'PX', o.ttlMs).then(
      () => o.counters.checkpointsWritten++,
      () => o.counters.checkpointsDropped++,
    );
  });
}

/**
 * What a host reads before it runs a job, in one round trip: the task's committed outcome (`null` when none), whether
 * the caller cancelled it, and its last checkpoint (raw JSON, `null` when none).
 */
export async function readJobState(
  redis: Redis,
  keys: ClusterKeys,
  taskId: string,
): Promise<[outcome: string | null, cancelled: boolean, checkpoint: string | null]> {
  const replies = await redis
    .pipeline()
    .get(keys.outcome(taskId))
    .exists(keys.cancelled(taskId))
    .get(keys.checkpoint(taskId))
    .exec();
  const value = (i: number): unknown => {
    const [error, v] = replies![i]!;
    if (error) throw error;
    return v;
  };
  return [value(0) as string | null, value(1) === 1, value(2) as string | null];
}

/** A checkpoint read by {@link readJobState}, parsed; `undefined` when there is none (or it is not JSON). */
export function parseCheckpoint(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
