import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveCortexHttp, type CortexHttpServer } from '@axon/cortex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterClient } from '../src/index.js';
import { hasRedisServer, RedisServer } from './helpers/redis-server.js';
import { FAST_STALL, startHost, stopHost, testAgentType, type Host } from './helpers/hosts.js';

const redisMissing = !hasRedisServer();
const TOKEN = 'cluster-cortex-token-0123456789';
const task = (id: string, caps: string[], context: Record<string, unknown>) => ({
  taskId: id,
  objective: `test ${id}`,
  boundaries: { scope: ['test'], timeout: 20_000 },
  requiredCapabilities: caps,
  context,
});

describe('state shared by hosts: Cortex over HTTP and the bus', () => {
  let redis: RedisServer;
  let cortex: CortexHttpServer;
  let client: ClusterClient;
  const dir = mkdtempSync(join(tmpdir(), 'axon-cluster-cortex-'));
  const hosts: Host[] = [];

  beforeAll(async () => {
    if (redisMissing) return; // every test below calls ctx.skip()
    redis = await RedisServer.start();
    cortex = await serveCortexHttp({ token: TOKEN, dbPath: join(dir, 'shared.db') });
    const common = { redis: redis.url, ...FAST_STALL };
    hosts.push(
      ...(await Promise.all([
        startHost({
          ...common,
          hostId: 'host-l',
          agentTypes: { listener: testAgentType('host-l', ['listen'], 1) },
          config: { mcp: { cortexUrl: cortex.url, cortexToken: TOKEN } },
        }),
        startHost({
          ...common,
          hostId: 'host-t',
          agentTypes: { talker: testAgentType('host-t', ['talk'], 1) },
          config: { mcp: { cortexUrl: cortex.url, maxRetries: 0 } }, // no token
        }),
      ])),
    );
    client = new ClusterClient({ redis: redis.url });
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await Promise.all(hosts.map(stopHost));
    await redis?.stop();
    await cortex?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('carries bus messages between agents on two hosts, with their senders', async (ctx) => {
    if (redisMissing) return ctx.skip();
    const [listened, talked] = await Promise.all([
      client.submit(task('listen-1', ['listen'], { action: 'listen', topic: 'review.done' })),
      client.submit(task('talk-1', ['talk'], { action: 'talk', topic: 'review.done', payload: { findings: 3 } })),
    ]);
    const l = listened.output as { hostId: string; agentId: string; got: { payload: unknown; from: string } };
    const t = talked.output as { hostId: string; agentId: string; ack: { payload: unknown; from: string } };
    expect([l.hostId, t.hostId]).toEqual(['host-l', 'host-t']);
    expect(l.got).toEqual({ payload: { findings: 3 }, from: t.agentId });
    expect(t.ack).toEqual({ payload: { hostId: 'host-l' }, from: l.agentId });
  });

  it("lets a remote agent's tool call reach the shared Cortex over HTTP with the token, and refuses it without", async (ctx) => {
    if (redisMissing) return ctx.skip();
    const withToken = await client.submit(
      task('remember-1', ['listen'], { action: 'remember', text: 'clusters share one memory' }),
    );
    expect(withToken.output).toMatchObject({ hostId: 'host-l', stored: true });
    const found = JSON.parse((withToken.output as { found: string }).found) as { results: { snippet: string }[] };
    expect(found.results[0]?.snippet.replace(/\*/g, '')).toBe('clusters share one memory');
    const without = await client.submit(task('remember-2', ['talk'], { action: 'remember', text: 'never stored' }));
    expect(without.output).toMatchObject({ hostId: 'host-t', stored: false });
    expect((without.output as { code: string }).code).toMatch(/MCP_/);
  });
});
