import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { NODE, agentArgs, cleanup, makeRuntime, record, task, until } from '../support/runtime.js';

afterEach(cleanup);

// Discovery falls back to the bundled Cortex when a configured path does not exist, so "missing" is a Cortex
// that cannot start.
const BROKEN_CORTEX = fileURLToPath(new URL('../fixtures/broken-cortex.mjs', import.meta.url));

type CortexOutput = {
  before: { ok: boolean; code?: string };
  after: { ok: boolean; code?: string };
  finished: boolean;
};

describe('graceful degradation', () => {
  it('runs tasks with Cortex missing (cannot start): tool calls fail with MCP_UNAVAILABLE, the task and runtime go on', async () => {
    const rt = makeRuntime({ mcp: { cortexBinaryPath: BROKEN_CORTEX } });
    await rt.start();
    const events = record(rt);
    const id = await rt.spawnAgent('w', 'w', NODE, agentArgs());
    const result = await rt.executeTask(id, task({ action: 'cortex' }));
    expect(result.attempt).toBe(1);
    expect(result.output).toEqual({
      before: { ok: false, code: 'MCP_UNAVAILABLE' },
      after: { ok: false, code: 'MCP_UNAVAILABLE' },
      finished: true,
    });
    expect(events.some((e) => e.type === 'recovery.degraded')).toBe(true);
    await expect(rt.callTool('cortex_search', { query: 'x' })).rejects.toMatchObject({ code: 'MCP_UNAVAILABLE' });
    expect((await rt.executeTask(id, task({ action: 'noop' }))).output).toBe('done');
  });

  it('fails the task with MCP_UNAVAILABLE when degradation is off', async () => {
    const rt = makeRuntime({
      mcp: { cortexBinaryPath: BROKEN_CORTEX },
      recovery: { enableGracefulDegradation: false },
    });
    await rt.start();
    const id = await rt.spawnAgent('w', 'w', NODE, agentArgs());
    await expect(rt.executeTask(id, task({ action: 'cortex' }))).rejects.toMatchObject({ code: 'MCP_UNAVAILABLE' });
  });

  it('keeps going when Cortex is killed mid-task', async () => {
    const rt = makeRuntime({ mcp: { maxRetries: 0 } });
    await rt.start();
    const events = record(rt);
    const id = await rt.spawnAgent('w', 'w', NODE, agentArgs());
    const running = rt.executeTask(id, task({ action: 'cortex', waitMs: 1_500, text: 'killed cortex test' }));
    await until(
      () => events.some((e) => e.type === 'tool.call' && e.tool === 'cortex_store'),
      15_000,
      'the first tool call',
    );
    const server = rt.mcpPool.getStatistics().perServer.find((s) => s.key === id && s.pid !== undefined)!;
    process.kill(-server.pid!, 'SIGKILL');
    const result = await running;
    const out = result.output as CortexOutput;
    expect(out.before.ok).toBe(true);
    expect(out.after).toEqual({ ok: false, code: 'MCP_UNAVAILABLE' });
    expect(out.finished).toBe(true);
    expect(events.some((e) => e.type === 'recovery.degraded')).toBe(true);
    expect((await rt.executeTask(id, task({ action: 'noop' }))).output).toBe('done');
  });

  it('uses Cortex when it is there', async () => {
    const rt = makeRuntime();
    await rt.start();
    const id = await rt.spawnAgent('w', 'w', NODE, agentArgs());
    const out = (
      await rt.executeTask(id, task({ action: 'cortex', text: 'the runtime stores memories', query: 'memories' }))
    ).output as CortexOutput;
    expect(out.before.ok).toBe(true);
    expect(out.after.ok).toBe(true);
  });
});

describe('per-server degradation', () => {
  it('a broken mcp.servers entry leaves Cortex working for agents; errors name the server at fault', async () => {
    const rt = makeRuntime({
      mcp: { servers: { broken: { command: '/nonexistent/axon-test-server' } } },
    });
    await rt.start();
    const events = record(rt);
    const id = await rt.spawnAgent('w', 'w', NODE, agentArgs());
    const result = await rt.executeTask(
      id,
      task({
        action: 'tools',
        calls: {
          store: ['cortex_store', { content: 'per-server degradation' }],
          broken: ['broken__echo', {}],
          ghost: ['ghost__echo', {}],
          missing: ['cortex_search', {}],
        },
      }),
    );
    const out = result.output as {
      names: string[];
      calls: Record<string, { ok: boolean; rpc?: number; code?: string; field?: string; message?: string }>;
    };
    expect(out.names).toEqual(expect.arrayContaining(['cortex_store', 'cortex_search']));
    expect(out.calls['store']).toEqual({ ok: true });
    expect(out.calls['broken']).toMatchObject({ ok: false, rpc: -32012, code: 'MCP_UNAVAILABLE' });
    expect(out.calls['broken']!.message).toContain('server "broken"');
    expect(out.calls['ghost']).toMatchObject({ ok: false, rpc: -32602, field: 'name' });
    expect(out.calls['ghost']!.message).toContain('no server "ghost"');
    expect(out.calls['missing']).toMatchObject({ ok: false, rpc: -32602, field: 'arguments.query' });
    const degraded = events.filter((e) => e.type === 'recovery.degraded');
    expect(new Set(degraded.map((e) => (e as { server?: string }).server))).toEqual(new Set(['broken']));
    const direct = await rt.callTool('cortex_search', { query: 'degradation', workspaceId: 'default' });
    expect(direct.isError).toBe(false);
  });
});
