import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRuntimeError } from '@axon/core';
import { ClusterClient, isClusterError } from '../src/index.js';
import { freePort, hasRedisServer, RedisServer } from './helpers/redis-server.js';
import { FAST_STALL, startHost, stopHost, testAgentType, type Host } from './helpers/hosts.js';
import { waitFor } from './helpers/wait.js';

const redisMissing = !hasRedisServer();
const task = (id: string, caps: string[], context: Record<string, unknown>) => ({
  taskId: id,
  objective: `test ${id}`,
  boundaries: { scope: ['test'] },
  requiredCapabilities: caps,
  context,
});

describe('ClusterClient with three worker hosts', () => {
  let redis: RedisServer;
  let client: ClusterClient;
  const hosts: Host[] = [];

  beforeAll(async () => {
    if (redisMissing) return; // every test below calls ctx.skip()
    redis = await RedisServer.start();
    const common = { redis: redis.url, ...FAST_STALL };
    hosts.push(
      ...(await Promise.all([
        startHost({ ...common, hostId: 'host-a', agentTypes: { alpha: testAgentType('host-a', ['alpha']) } }),
        startHost({ ...common, hostId: 'host-b', agentTypes: { beta: testAgentType('host-b', ['beta']) } }),
        startHost({ ...common, hostId: 'host-c', agentTypes: { ag: testAgentType('host-c', ['alpha', 'gamma']) } }),
      ])),
    );
    client = new ClusterClient({ redis: redis.url, staleAfter: 2_000 });
    await client.start();
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await Promise.all(hosts.map(stopHost));
    await redis?.stop();
  }, 30_000);

  it('runs each task on a host whose agent types have its capabilities', async (ctx) => {
    if (redisMissing) return ctx.skip();
    const specs = [
      ...[1, 2, 3].map((i) => task(`beta-${i}`, ['beta'], { action: 'sleep', ms: 20 })),
      ...[1, 2, 3].map((i) => task(`gamma-${i}`, ['gamma'], { action: 'sleep', ms: 20 })),
      ...[1, 2, 3, 4].map((i) => task(`alpha-${i}`, ['alpha'], { action: 'sleep', ms: 300 })),
    ];
    const settled = await client.executeTasksParallel(specs);
    const hostOf = settled.map((s) => {
      expect(s.status).toBe('fulfilled');
      return (s as PromiseFulfilledResult<{ output: { hostId: string } }>).value.output.hostId;
    });
    expect(hostOf.slice(0, 3)).toEqual(['host-b', 'host-b', 'host-b']);
    expect(hostOf.slice(3, 6)).toEqual(['host-c', 'host-c', 'host-c']);
    for (const h of hostOf.slice(6)) expect(['host-a', 'host-c']).toContain(h);
  });

  it('treats a duplicate submit of a task id as the same task', async (ctx) => {
    if (redisMissing) return ctx.skip();
    const t = task('dup-1', ['beta'], { action: 'sleep', ms: 200 });
    const [a, b] = await Promise.all([client.submit(t), client.submit(t)]);
    expect(a.completedAt.getTime()).toBe(b.completedAt.getTime());
    const again = await client.submit(t); // after completion: the committed result, no new run
    expect(again.completedAt.getTime()).toBe(a.completedAt.getTime());
  });

  it('delivers small results inline on the done channel and large ones from their key, the same to the caller', async (ctx) => {
    if (redisMissing) return ctx.skip();
    const [small, large] = await Promise.all([
      client.submit(task('size-small', ['beta'], { action: 'big', bytes: 100 })),
      client.submit(task('size-large', ['beta'], { action: 'big', bytes: 64 * 1024 })),
    ]);
    expect((small.output as { text: string }).text).toHaveLength(100);
    expect((large.output as { text: string }).text).toHaveLength(64 * 1024);
    expect(large.completedAt).toBeInstanceOf(Date);
  });

  it("returns a host's failure as a RuntimeError with the same code", async (ctx) => {
    if (redisMissing) return ctx.skip();
    const t = {
      ...task('slow-1', ['alpha'], { action: 'sleep', ms: 5_000 }),
      boundaries: { scope: ['x'], timeout: 200 },
    };
    const err = await client.submit(t, { retry: { maxAttempts: 1 } }).catch((e: unknown) => e);
    expect(isRuntimeError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'TIMEOUT' });
    const bad = await client.submit({ objective: '', boundaries: { scope: [] } }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'INVALID_DELEGATION' });
  });

  it('cancels a task running on another host through its AbortSignal', async (ctx) => {
    if (redisMissing) return ctx.skip();
    const controller = new AbortController();
    const running = client.submit(task('cancel-1', ['beta'], { action: 'sleep', ms: 20_000 }), {
      signal: controller.signal,
    });
    await waitFor('the task to run on host-b', async () => {
      const s = await client.getStatistics();
      return (s.hosts.find((h) => h.hostId === 'host-b')?.runtime.runningTasks ?? 0) > 0;
    });
    controller.abort();
    const err = await running.catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CANCELLED' });
    expect((err as { data: { hostId: string } }).data.hostId).toBe('host-b');
  });

  it('aggregates the statistics of every host', async (ctx) => {
    if (redisMissing) return ctx.skip();
    const stats = await waitFor('three host reports', async () => {
      const s = await client.getStatistics();
      return s.hosts.length === 3 ? s : undefined;
    });
    expect(stats.hosts.map((h) => h.hostId)).toEqual(['host-a', 'host-b', 'host-c']);
    const sum = stats.hosts.reduce((n, h) => n + h.runtime.totalTasksExecuted, 0);
    expect(stats.totals.totalTasksExecuted).toBe(sum);
    expect(stats.totals.committed).toBeGreaterThanOrEqual(10);
    expect(Object.keys(stats.queues)).toEqual(expect.arrayContaining(['any', 'cap.alpha', 'cap.beta', 'cap.gamma']));
  });
});

describe('ClusterClient without Redis', () => {
  it('fails fast with REDIS_UNAVAILABLE', async () => {
    const client = new ClusterClient({ redis: `redis://127.0.0.1:${await freePort()}` });
    const err = await client.submit(task('nowhere', [], {})).catch((e: unknown) => e);
    expect(isClusterError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'REDIS_UNAVAILABLE' });
    await client.close();
  });

  it('refuses a URL that is not redis://', () => {
    expect(() => new ClusterClient({ redis: 'http://x' })).toThrow(/redis must be a redis:\/\//);
  });
});
