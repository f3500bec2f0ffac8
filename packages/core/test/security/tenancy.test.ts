import { afterEach, describe, expect, it } from 'vitest';
import { NODE, agentArgs, cleanup, makeRuntime, record, task } from '../support/runtime.js';

afterEach(cleanup);

type ToolOutcome = { ok: boolean; code?: string; structured?: Record<string, unknown> };

describe.each(['per-agent', 'shared'] as const)('Cortex tenancy (mcp.mode %s)', (mode) => {
  it("keeps each agent in its own workspace: another tenant's memories cannot be searched, retrieved, written or consolidated", async () => {
    const rt = makeRuntime({ mcp: { mode } });
    const events = record(rt);
    await rt.start();
    const [a, b] = await Promise.all([
      rt.spawnAgent('tenant-a', 'w', NODE, agentArgs(), { workspaceId: 'tenant-a' }),
      rt.spawnAgent('tenant-b', 'w', NODE, agentArgs(), { workspaceId: 'tenant-b' }),
    ]);
    const stored = await rt.executeTask(
      a,
      task({
        action: 'script',
        script: [{ name: 'cortex_store', args: { content: 'tenant A: the vault code is 4711' } }],
      }),
    );
    const memoryId = (stored.output as ToolOutcome[])[0]?.structured?.id as string;
    expect(memoryId).toMatch(/^mem_/);

    const probe = await rt.executeTask(
      b,
      task({
        action: 'script',
        script: [
          { name: 'cortex_search', args: { query: 'vault code' } },
          { name: 'cortex_search', args: { query: 'vault code', workspaceId: 'tenant-a' } },
          { name: 'cortex_retrieve', args: { id: memoryId } },
          { name: 'cortex_store', args: { content: 'planted', workspaceId: 'tenant-a' } },
          { name: 'cortex_consolidate', args: { workspaceId: 'tenant-a' } },
          { name: 'cortex_consolidate', args: {} },
        ],
      }),
    );
    const [search, named, retrieve, plant, consolidateOther, consolidateOwn] = probe.output as ToolOutcome[];
    expect(search).toMatchObject({ ok: true, structured: { results: [] } });
    expect(named).toEqual({ ok: false, code: 'ACCESS_DENIED' });
    expect(retrieve?.ok).toBe(false);
    expect(plant).toEqual({ ok: false, code: 'ACCESS_DENIED' });
    expect(consolidateOther).toEqual({ ok: false, code: 'ACCESS_DENIED' });
    expect(consolidateOwn?.ok).toBe(true);

    // A's memory is where it was, untouched by B's consolidation, with A as its author.
    const check = await rt.executeTask(
      a,
      task({
        action: 'script',
        script: [
          { name: 'cortex_retrieve', args: { id: memoryId } },
          { name: 'cortex_search', args: { query: 'planted' } },
        ],
      }),
    );
    const [mine, planted] = check.output as ToolOutcome[];
    const memory = (mine?.structured?.memories as Array<Record<string, unknown>>)[0];
    expect(memory).toMatchObject({ workspaceId: 'tenant-a', agentId: a, archived: false });
    expect(planted).toMatchObject({ structured: { results: [] } });
    const denied = events.filter((e) => e.type === 'tool.call' && e.outcome === 'access_denied');
    expect(denied).toHaveLength(3);
  });
});

describe('Cortex workspace of a task', () => {
  it("uses the task's context.workspaceId for an agent spawned without one, and refuses a task naming another than the agent's", async () => {
    const rt = makeRuntime();
    await rt.start();
    const free = await rt.spawnAgent('free', 'w', NODE, agentArgs());
    const bound = await rt.spawnAgent('bound', 'w', NODE, agentArgs(), { workspaceId: 'tenant-a' });
    await rt.executeTask(
      free,
      task({
        action: 'script',
        workspaceId: 'tenant-a',
        script: [{ name: 'cortex_store', args: { content: 'shared note' } }],
      }),
    );
    const found = await rt.executeTask(
      bound,
      task({ action: 'script', script: [{ name: 'cortex_search', args: { query: 'shared note' } }] }),
    );
    expect(((found.output as ToolOutcome[])[0]?.structured?.results as unknown[]).length).toBe(1);
    await expect(
      rt.executeTask(bound, task({ action: 'script', workspaceId: 'tenant-b', script: [] })),
    ).rejects.toMatchObject({ code: 'INVALID_DELEGATION', data: { path: 'context.workspaceId' } });
  });
});
