import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const greedy = (tool: string, calls: number, extra: Record<string, unknown> = {}) => ({
  objective: 'call tools',
  boundaries: { scope: ['x'], ...extra },
  context: { tool, calls, args: { query: 'anything' } },
});

describe('AgentExecutor tool limits', () => {
  it('refuses calls past the budget with TOOL_BUDGET_EXCEEDED and counts them', async () => {
    h = await createHarness();
    const agentId = await h.agent('greedy');
    const r = await h.executor.executeTask(agentId, greedy('cortex_search', 5, { maxToolCalls: 3 }));
    expect(r.output).toEqual(['ok', 'ok', 'ok', 'TOOL_BUDGET_EXCEEDED', 'TOOL_BUDGET_EXCEEDED']);
    expect(r.toolCalls).toBe(5);
    expect(r.refusedToolCalls).toBe(2);
    const outcomes = h.events.flatMap((e) => (e.type === 'tool-call' ? [e.outcome] : []));
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'budget_exceeded', 'budget_exceeded']);
  });

  it('caps the budget at maxToolCallsPerTask', async () => {
    h = await createHarness({ maxToolCallsPerTask: 2 });
    const agentId = await h.agent('greedy');
    const r = await h.executor.executeTask(agentId, greedy('cortex_search', 3, { maxToolCalls: 10 }));
    expect(r.output).toEqual(['ok', 'ok', 'TOOL_BUDGET_EXCEEDED']);
  });

  it('refuses a tool outside the delegation allowlist with TOOL_NOT_ALLOWED, without routing it', async () => {
    h = await createHarness();
    const agentId = await h.agent('greedy');
    const task = { ...greedy('cortex_consolidate', 1), allowedTools: ['cortex_search'] };
    const r = await h.executor.executeTask(agentId, task);
    expect(r.output).toEqual(['TOOL_NOT_ALLOWED']);
    expect(r.refusedToolCalls).toBe(1);
    const audit = h.events.find((e) => e.type === 'tool-call');
    expect(audit).toMatchObject({ tool: 'cortex_consolidate', outcome: 'not_allowed', errorCode: 'TOOL_NOT_ALLOWED' });
  });

  it('refuses a tool the runtime policy denies even when the delegation allows every tool', async () => {
    h = await createHarness({ toolPolicy: { deny: ['cortex_consolidate'] } });
    const agentId = await h.agent('greedy');
    const r = await h.executor.executeTask(agentId, greedy('cortex_consolidate', 1));
    expect(r.output).toEqual(['TOOL_NOT_ALLOWED']);
  });

  it('does not spend the budget on refused calls', async () => {
    h = await createHarness({ toolPolicy: { allow: ['cortex_*'] } });
    const agentId = await h.agent('greedy');
    const r = await h.executor.executeTask(agentId, greedy('not_a_cortex_tool', 3, { maxToolCalls: 1 }));
    expect(r.output).toEqual(['TOOL_NOT_ALLOWED', 'TOOL_NOT_ALLOWED', 'TOOL_NOT_ALLOWED']);
  });
});
