import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { isRuntimeError, type RuntimeError } from '@axon/core';
import { ClusterClient } from '../src/index.js';
import { hasRedisServer, RedisServer } from './helpers/redis-server.js';
import { clusterFixture } from './helpers/cluster-fixture.js';
import { killHost, startHost, testAgentType } from './helpers/hosts.js';
import { waitFor } from './helpers/wait.js';

const redisMissing = !hasRedisServer();
// A killed host's job is found stalled about a second later by whichever host is alive.
const FASTER_STALL = { lockDuration: 1_000, stalledInterval: 500, statsInterval: 200 };
const MAX_STALLED = 3; // ClusterWorker's default maxStalledCount

describe('a task whose hosts keep dying', () => {
  const f = clusterFixture();

  it('fails with AGENT_CRASHED, committed once, after more than maxStalledCount stalls', async (ctx) => {
    if (redisMissing) return ctx.skip();
    const redis = (f.redis = await RedisServer.start());
    const client = (f.client = new ClusterClient({ redis: redis.url }));
    const peek = new Redis(redis.url);
    const start = (hostId: string) =>
      startHost({
        redis: redis.url,
        ...FASTER_STALL,
        hostId,
        agentTypes: { stepper: testAgentType(hostId, ['doomed'], 1) },
      });
    const delegation = {
      taskId: 'doomed-1',
      objective: 'never gets to finish',
      boundaries: { scope: ['x'] },
      requiredCapabilities: ['doomed'],
      context: { action: 'steps', steps: 10_000, stepMs: 50 },
    };
    const outcome = client.submit(delegation).then(
      () => undefined,
      (e: unknown) => e,
    );

    // One host at a time runs the task until it checkpointed, then is SIGKILLed; the next host finds the job
    // stalled and runs it again (stall 1, 2, 3 are retried), until the fourth stall exceeds the limit.
    for (let i = 1; i <= MAX_STALLED + 1; i++) {
      const host = await start(`host-${i}`);
      f.hosts.push(host);
      await waitFor(`host-${i} to run the task`, async () => {
        const raw = await peek.get('axon:task:doomed-1:checkpoint');
        return raw !== null && (JSON.parse(raw) as { hostId: string }).hostId === host.hostId;
      });
      await killHost(host);
    }
    const last = await start(`host-${MAX_STALLED + 2}`);
    f.hosts.push(last);

    const error = (await outcome) as RuntimeError;
    expect(isRuntimeError(error)).toBe(true);
    expect(error.code).toBe('AGENT_CRASHED');
    expect(error.message).toMatch(/maxStalledCount \(3\)/);
    expect(error.data).toMatchObject({
      taskId: 'doomed-1',
      reason: 'stalled',
      stalls: MAX_STALLED + 1,
      maxStalledCount: MAX_STALLED,
      hostId: last.hostId,
    });

    // Committed exactly once: one outcome, by the host that failed the job; a duplicate submit gets the same error
    // without a new run.
    const stored = JSON.parse((await peek.get('axon:task:doomed-1:outcome'))!) as {
      ok: boolean;
      hostId: string;
      error: { code: string };
    };
    expect(stored).toMatchObject({ ok: false, hostId: last.hostId, error: { code: 'AGENT_CRASHED' } });
    expect(await peek.exists('axon:task:doomed-1:checkpoint')).toBe(0);
    await expect(client.submit(delegation)).rejects.toMatchObject({ code: 'AGENT_CRASHED' });
    // The last host failed the job without running it (BullMQ does not hand it to the processor any more).
    const report = await waitFor('the last host to report the abandoned task', async () => {
      const s = await client.getStatistics();
      const r = s.hosts.find((h) => h.hostId === last.hostId);
      return r?.counters.abandoned === 1 ? r : undefined;
    });
    expect(report.counters).toMatchObject({ committed: 1, jobsStarted: 0 });
    peek.disconnect();
  }, 90_000);
});
