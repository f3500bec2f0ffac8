import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { ClusterClient } from '../src/index.js';
import { hasRedisServer, RedisServer } from './helpers/redis-server.js';
import { FAST_STALL, startHost, stopHost, testAgentType, type Host } from './helpers/hosts.js';
import { waitFor } from './helpers/wait.js';

const redisMissing = !hasRedisServer();

describe('Redis SIGKILLed and restarted with AOF on', () => {
  let redis: RedisServer | undefined;
  let client: ClusterClient | undefined;
  let host: Host | undefined;
  let early: Host | undefined;

  afterAll(async () => {
    await client?.close();
    if (host) await stopHost(host);
    if (early) await stopHost(early);
    await redis?.stop();
  }, 30_000);

  it('loses no acknowledged submission; submits fail fast while it is down; callers get their results', async (ctx) => {
    if (redisMissing) return ctx.skip();
    redis = await RedisServer.start();
    client = new ClusterClient({ redis: redis.url });
    // A host that lives through the outage (it consumes another capability).
    early = await startHost({
      redis: redis.url,
      ...FAST_STALL,
      hostId: 'early-host',
      agentTypes: { early: testAgentType('early-host', ['early'], 1) },
    });
    const ids = [1, 2, 3, 4, 5].map((i) => `aof-${i}`);
    const results = ids.map((taskId) =>
      client!.submit({
        taskId,
        objective: 'survive a Redis crash',
        boundaries: { scope: ['x'] },
        requiredCapabilities: ['durable'],
        context: { action: 'sleep', ms: 10 },
      }),
    );
    // No host consumes yet: wait until Redis acknowledged all five (they are queued), then kill it.
    const queue = new Queue('cap.durable', { connection: { port: redis.port }, prefix: 'axon:bull' });
    await waitFor('five queued jobs', async () => {
      const c = await queue.getJobCounts('prioritized', 'waiting');
      return (c.prioritized ?? 0) + (c.waiting ?? 0) === 5;
    });
    await queue.close();
    await redis.kill();
    const refused = await client
      .submit({ taskId: 'aof-during', objective: 'x', boundaries: { scope: ['x'] } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'REDIS_UNAVAILABLE' });

    await redis.run(); // same port and directory: the AOF is replayed
    host = await startHost({
      redis: redis.url,
      ...FAST_STALL,
      hostId: 'durable-host',
      agentTypes: { durable: testAgentType('durable-host', ['durable'], 2) },
    });
    const settled = await Promise.all(results);
    expect(settled.map((r) => r.task.taskId)).toEqual(ids);
    expect(settled.every((r) => (r.output as { hostId: string }).hostId === 'durable-host')).toBe(true);
    // The host that was up through the outage reconnected and consumes again.
    const after = await client.submit({
      taskId: 'aof-after',
      objective: 'after the restart',
      boundaries: { scope: ['x'] },
      requiredCapabilities: ['early'],
      context: { action: 'sleep', ms: 10 },
    });
    expect((after.output as { hostId: string }).hostId).toBe('early-host');
  }, 60_000);
});
