import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LeadAgent } from '../../src/lead/lead-agent.js';
import { LeadAgentWithRuntime } from '../../src/lead/lead-agent-with-runtime.js';
import { NODE, agentArgs, cleanup, makeRuntime, record } from '../support/runtime.js';

afterEach(cleanup);

const BROKEN_CORTEX = fileURLToPath(new URL('../fixtures/broken-cortex.mjs', import.meta.url));
const QUERY =
  'Review src/auth.ts across the entire login flow for security and correctness issues, and also the design';

describe('LeadAgentWithRuntime', () => {
  it('plans, runs delegations in parallel through submit, synthesizes and stores the episode in Cortex', async () => {
    const rt = makeRuntime();
    rt.registerAgentType('reviewer', {
      command: NODE,
      args: agentArgs(['CodeReview', 'Testing']),
      capabilities: ['CodeReview', 'Testing'],
      max: 3,
    });
    await rt.start();
    const events = record(rt);
    const lead = new LeadAgentWithRuntime(new LeadAgent(), rt);
    const result = await lead.handleQuery(QUERY, 'ws-auth', 'session-1');

    expect(result.strategy).toBe('code-review');
    expect(result.quality.planned).toBeGreaterThanOrEqual(3);
    expect(result.quality).toMatchObject({ successRate: 1, sectionCoverage: 1 });
    expect(result.findings[0]).toMatchObject({ file: 'src/auth.ts', line: 42 });
    // Every worker reported the same finding: it is corroborated by all of them.
    expect(new Set(result.findings[0]!.reportedBy)).toEqual(new Set(result.workers.map((w) => w.workerId)));
    expect(result.recommendations).toEqual(['use crypto.timingSafeEqual']);
    expect(result.workers.reduce((n, w) => n + w.tasks, 0)).toBe(result.quality.planned);
    expect(result.episode.stored).toBe(true);
    // The delegations ran at the same time on several agents.
    expect(
      new Set(events.filter((e) => e.type === 'task.started').map((e) => (e as { agentId: string }).agentId)).size,
    ).toBeGreaterThan(1);

    const found = await rt.callTool('cortex_search', {
      query: 'auth review',
      workspaceId: 'ws-auth',
      kinds: ['episode'],
    });
    const hits = (found.structuredContent as { results: Array<{ id: string }> }).results;
    expect(hits.map((h) => h.id)).toContain((result.episode as { id: string }).id);

    // A second query recalls the first episode.
    const again = await lead.handleQuery(QUERY, 'ws-auth', 'session-2');
    expect(again.memoriesUsed).toBeGreaterThan(0);
  });

  it('completes the query when Cortex cannot be reached, saying why the episode was not stored', async () => {
    const rt = makeRuntime({ mcp: { cortexBinaryPath: BROKEN_CORTEX } });
    rt.registerAgentType('reviewer', {
      command: NODE,
      args: agentArgs(['CodeReview', 'Testing']),
      capabilities: ['CodeReview', 'Testing'],
      max: 2,
    });
    await rt.start();
    const result = await new LeadAgentWithRuntime(new LeadAgent(), rt).handleQuery('review src/auth.ts', 'ws', 's');
    expect(result.quality.successRate).toBe(1);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.episode.stored).toBe(false);
    expect((result.episode as { reason: string }).reason).toMatch(/unavailable/i);
  });

  it('reports failed delegations instead of failing the query', async () => {
    const rt = makeRuntime();
    await rt.start();
    // No agent type can do code review: every delegation fails with NO_CAPABLE_AGENT.
    const result = await new LeadAgentWithRuntime(new LeadAgent(), rt).handleQuery('review src/a.ts', 'ws', 's', {
      recall: false,
    });
    expect(result.quality.successRate).toBe(0);
    expect(result.failures[0]).toMatchObject({ code: 'NO_CAPABLE_AGENT' });
  });
});
