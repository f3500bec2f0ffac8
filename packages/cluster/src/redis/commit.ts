import type { Redis } from 'ioredis';
import type { ClusterKeys } from '../keys.js';
import type { WireOutcome } from '../wire.js';

// One atomic step: the first outcome of a task wins (SET NX), is announced, and its checkpoint is dropped;
// any later one is refused and the winner returned. The announcement carries the outcome itself when it is small
// (callers settle without another round trip), else only the task id (callers read the outcome key).
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

/** Largest outcome (serialized JSON) sent inline on the done channel, bytes; larger ones are read from their key. */
export const MAX_INLINE_OUTCOME_BYTES = 16 * 1024;

/** A done-channel message: `[taskId, outcome]`, or `[taskId]` when the outcome must be read from its key. */
export type DoneMessage = [taskId: string, outcome?: WireOutcome];

/** Parses a done-channel message; `undefined` when it is not one. */
export function parseDoneMessage(message: string): DoneMessage | undefined {
  try {
    const m = JSON.parse(message) as unknown;
    return Array.isArray(m) && typeof m[0] === 'string' ? (m as DoneMessage) : undefined;
  } catch {
    return undefined;
  }
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
  const id = JSON.stringify(taskId);
  const message = Buffer.byteLength(json) <= MAX_INLINE_OUTCOME_BYTES ? `[${id},${json}]` : `[${id}]`;
  const [won, stored] = (await redis.eval(
    COMMIT,
    2,
    keys.outcome(taskId),
    keys.checkpoint(taskId),
    json,
    String(ttlMs),
    keys.doneChannel,
    message,
  )) as [number, string];
  return { committed: won === 1, outcome: JSON.parse(stored) as WireOutcome };
}
