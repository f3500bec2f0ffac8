import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, rejectionOf, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const script = (taskId: string, steps: Array<{ name: string; args?: Record<string, unknown> }>) => ({
  taskId,
  objective: 'run a script of tool calls',
  boundaries: { scope: ['.'] },
  context: { script: steps },
});

type Step = { ok?: boolean; result?: unknown; code?: string; message?: string };

describe('AgentExecutor scope', () => {
  it.each([['../outside'], ['/etc'], ['src/../../outside/x.js'], ['src/link-out/secret.txt']])(
    'rejects scope %s with INVALID_DELEGATION before the agent sees the task',
    async (entry) => {
      h = await createHarness();
      const base = mkdtempSync(join(tmpdir(), 'axon-scope-agent-'));
      try {
        mkdirSync(join(base, 'ws', 'src'), { recursive: true });
        mkdirSync(join(base, 'outside'));
        symlinkSync(join(base, 'outside'), join(base, 'ws', 'src', 'link-out'));
        const spawned = await h.pm.spawn({
          name: 'echo',
          type: 'echo',
          command: process.execPath,
          args: [join(import.meta.dirname, '../fixtures/agent.mjs'), 'echo'],
          cwd: join(base, 'ws'),
        });
        const err = await rejectionOf(
          h.executor.executeTask(spawned.id, {
            taskId: 'escape',
            objective: 'x',
            boundaries: { scope: ['src', entry] },
          }),
        );
        expect(err.code).toBe('INVALID_DELEGATION');
        expect(err.message).toContain(`boundaries.scope[1]: "${entry}"`);
        expect(err.data).toMatchObject({ path: 'boundaries.scope.1', value: entry });
        expect(h.events.some((e) => e.type === 'task-started')).toBe(false);
        // The agent was never claimed: it takes the next task.
        const ok = await h.executor.executeTask(spawned.id, { objective: 'y', boundaries: { scope: ['src'] } });
        expect(ok.attempt).toBe(1);
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  );
});

describe('AgentExecutor Cortex workspace', () => {
  it("pins each task's Cortex calls to its workspace: two agents on one database cannot reach each other's memories", async () => {
    h = await createHarness();
    const a = await h.agent('script', 'agent-a');
    const b = await h.agent('script', 'agent-b');
    const stored = await h.executor.executeTask(
      a,
      script('a-1', [
        { name: 'cortex_store', args: { content: 'tenant A secret: launch code 0000', agentId: 'agent-b' } },
        { name: 'cortex_search', args: { query: 'launch code' } },
      ]),
      { workspaceId: 'tenant-a' },
    );
    const [store, search] = stored.output as Step[];
    const memoryId = (store?.result as { id: string }).id;
    expect((search?.result as { results: unknown[] }).results).toHaveLength(1);

    const probe = await h.executor.executeTask(
      b,
      script('b-1', [
        { name: 'cortex_search', args: { query: 'launch code' } },
        { name: 'cortex_search', args: { query: 'launch code', workspaceId: 'tenant-a' } },
        { name: 'cortex_retrieve', args: { id: memoryId } },
        { name: 'cortex_store', args: { content: 'planted by B', workspaceId: 'tenant-a' } },
        { name: 'cortex_consolidate', args: { workspaceId: 'tenant-a' } },
      ]),
      { workspaceId: 'tenant-b' },
    );
    const [own, named, byId, plant, consolidate] = probe.output as Step[];
    expect((own?.result as { results: unknown[] }).results).toEqual([]);
    expect(named).toMatchObject({ code: 'ACCESS_DENIED' });
    expect(named?.message).toContain('arguments.workspaceId');
    expect(byId?.ok).toBe(false); // NOT_FOUND from Cortex: B cannot tell A's id from one that does not exist
    expect(JSON.stringify(byId?.result)).toContain('NOT_FOUND');
    expect(plant).toMatchObject({ code: 'ACCESS_DENIED' });
    expect(consolidate).toMatchObject({ code: 'ACCESS_DENIED' });
    expect(probe.refusedToolCalls).toBe(3);

    // A's memory is intact and was stamped with A's real id, not the one it claimed.
    const check = await h.executor.executeTask(
      a,
      script('a-2', [{ name: 'cortex_retrieve', args: { id: memoryId } }]),
      {
        workspaceId: 'tenant-a',
      },
    );
    const memory = ((check.output as Step[])[0]?.result as { memories: Array<Record<string, unknown>> }).memories[0];
    expect(memory).toMatchObject({ workspaceId: 'tenant-a', agentId: 'agent-a', accessCount: 1 });
    const audit = h.events.flatMap((e) => (e.type === 'tool-call' && e.outcome === 'access_denied' ? [e] : []));
    expect(audit.map((e) => [e.agentId, e.tool])).toEqual([
      ['agent-b', 'cortex_search'],
      ['agent-b', 'cortex_store'],
      ['agent-b', 'cortex_consolidate'],
    ]);
  });
});
