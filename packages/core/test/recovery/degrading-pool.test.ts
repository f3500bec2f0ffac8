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
    const started = Date.now();
    const result = await rt.executeTask(id, task({ action: 'cortex' }));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.success).toBe(true);
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
