import { readFileSync, statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { NODE, agentArgs, cleanup, makeRuntime, record, task } from '../support/runtime.js';

afterEach(cleanup);
const dir = mkdtempSync(join(tmpdir(), 'axon-core-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('RuntimeConfig security.auditFile', () => {
  it('turns on a 0600 audit file; a refusal flood fails the task with TOOL_REFUSAL_LIMIT and cannot flush the history', async () => {
    const file = join(dir, 'audit.jsonl');
    const rt = makeRuntime({ security: { auditFile: file, maxRefusedToolCalls: 20 } });
    const events = record(rt);
    await rt.start();
    const agent = await rt.spawnAgent('flooder', 'w', NODE, agentArgs());
    await rt.executeTask(agent, task({ action: 'script', script: [{ name: 'cortex_store', args: { content: 'x' } }] }));
    const steps = Array.from({ length: 1100 }, () => ({ name: 'cortex_search', args: { query: 'q' } }));
    await expect(
      rt.executeTask(
        agent,
        task({ action: 'script', script: steps }, { boundaries: { scope: ['.'], maxToolCalls: 1 } }),
      ),
    ).rejects.toMatchObject({ code: 'TOOL_REFUSAL_LIMIT', data: { maxRefusedToolCalls: 20 } });
    await rt.shutdown({ timeout: 2_000 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { outcome: string; tool: string });
    // The earlier task's call is still there, then the served call and the 21 refusals: nothing lost, nothing flooded.
    expect(lines.map((l) => l.outcome)).toEqual(['ok', 'ok', ...Array<string>(21).fill('budget_exceeded')]);
    expect(rt.bus.history({ type: 'tool.call' })).toHaveLength(23);
    expect(events.some((e) => e.type === 'task.failed' && e.code === 'TOOL_REFUSAL_LIMIT')).toBe(true);
  });

  it('rejects a bad security field naming it', () => {
    expect(() => makeRuntime({ security: { maxRefusedToolCalls: -1 } })).toThrow(/security\.maxRefusedToolCalls/);
    expect(() => makeRuntime({ security: { bus: { reviewer: { publish: ['a*b'], subscribe: [] } } } })).toThrow(
      /security\.bus/,
    );
  });
});
