import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ClusterClient } from '../src/index.js';
import { hasRedisServer, RedisServer } from './helpers/redis-server.js';
import { clusterFixture } from './helpers/cluster-fixture.js';
import { FAST_STALL, killHost, startHost, testAgentType } from './helpers/hosts.js';
import { waitFor } from './helpers/wait.js';

const redisMissing = !hasRedisServer();

describe('a worker host SIGKILLed mid-task', () => {
  const f = clusterFixture();
  const hosts = f.hosts;

  it('leaves no task lost nor completed twice: its tasks run again elsewhere from their checkpoint', async (ctx) => {
    if (redisMissing) return ctx.skip();
    const redis = (f.redis = await RedisServer.start());
    for (const hostId of ['host-1', 'host-2', 'host-3'])
      hosts.push(
        await startHost({
          redis: redis.url,
          ...FAST_STALL,
          hostId,
          agentTypes: { stepper: testAgentType(hostId, ['steps'], 2) },
        }),
      );
    const client = (f.client = new ClusterClient({ redis: redis.url }));
    const ids = [1, 2, 3, 4, 5, 6].map((i) => `steps-${i}`);
    const results = ids.map((taskId) =>
      client.submit({
        taskId,
        objective: 'count steps',
        boundaries: { scope: ['x'] },
        requiredCapabilities: ['steps'],
        context: { action: 'steps', steps: 12, stepMs: 80 },
      }),
    );
    // Kill the host that checkpointed a task first, once it got a few steps in.
    const peek = new Redis(redis.url);
    const victim = await waitFor('a task three steps in', async () => {
      for (const id of ids) {
        const raw = await peek.get(`axon:task:${id}:checkpoint`);
        const cp = raw ? (JSON.parse(raw) as { step: number; hostId: string }) : undefined;
        if (cp && cp.step >= 3) return cp.hostId;
      }
      return undefined;
    });
    const killed = hosts.find((h) => h.hostId === victim)!;
    await killHost(killed);

    const settled = await Promise.allSettled(results);
    expect(settled.map((s) => s.status)).toEqual(ids.map(() => 'fulfilled'));
    const outputs = settled.map(
      (s) => (s as PromiseFulfilledResult<{ output: { hostId: string; resumedFrom: number } }>).value.output,
    );
    const resumed = outputs.filter((o) => o.resumedFrom > 0);
    expect(resumed.length).toBeGreaterThan(0);
    for (const o of resumed) expect(o.hostId).not.toBe(victim);
    // Exactly one committed outcome per task, and it is the one the caller got.
    for (const [i, id] of ids.entries()) {
      const stored = JSON.parse((await peek.get(`axon:task:${id}:outcome`))!) as { hostId: string };
      expect(stored.hostId).toBe(outputs[i]!.hostId);
    }
    const stats = await waitFor('both surviving hosts to report', async () => {
      const s = await client.getStatistics();
      const live = s.hosts.filter((h) => h.hostId !== victim);
      return live.length === 2 && s.hosts.length === 2 ? s : undefined;
    });
    expect(stats.totals.resumedFromCheckpoint).toBeGreaterThan(0);
    peek.disconnect();
  }, 60_000);
});
