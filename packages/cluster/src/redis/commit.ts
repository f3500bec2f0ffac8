import type { Redis } from 'ioredis';
import type { ClusterKeys } from '../keys.js';
import type { WireOutcome } from '../wire.js';

// One atomic step: the first outcome of a task wins (SET NX), is announced, and its checkpoint is dropped;
// any later one is refused and the winner returned.
const COMMIT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  redis.call('DEL', KEYS[2])
  redis.call('PUBLISH', ARGV[3], ARGV[4])
  return {1, ARGV[1]}
end
return {0, redis.call('GET', KEYS[1])}
`;

/** What {@link commitOutcome} did. */
export interface CommitResult {
  /** True when this outcome was the first and is now the task's outcome. */
  committed: boolean;
  /** The task's committed outcome (this one, or the one committed before). */
  outcome: WireOutcome;
}

/**
 * Commits the outcome of a task exactly once: the first commit wins, keeps for `ttlMs`, and is published on the done
 * channel; later commits (a stalled run finishing after its re-run) change nothing and get the winner back.
 */
export async function commitOutcome(
  redis: Redis,
  keys: ClusterKeys,
  taskId: string,
  outcome: WireOutcome,
  ttlMs: number,
): Promise<CommitResult> {
  const json = JSON.stringify(outcome);
  const [won, stored] = (await redis.eval(
    COMMIT,
    2,
    keys.outcome(taskId),
    keys.checkpoint(taskId),
    json,
    String(ttlMs),
    keys.doneChannel,
    taskId,
  )) as [number, string];
  return { committed: won === 1, outcome: JSON.parse(stored) as WireOutcome };
}
