import { TaskDelegationSchema } from '@axon/executor';
import { describe, expect, it } from 'vitest';
import { estimateComplexity } from '../../src/lead/complexity.js';
import { StrategyPlanner } from '../../src/lead/strategy-planner.js';

const planner = new StrategyPlanner();
const plan = (query: string) =>
  planner.plan({ query, workspaceId: 'ws1', sessionId: 's1', complexity: estimateComplexity(query) });

describe('StrategyPlanner', () => {
  it('plans a code review with the seed numbers (priority 7, 10 calls, 60 s)', () => {
    const p = plan('Please review src/auth.ts for code quality');
    expect(p.strategy).toBe('code-review');
    expect(p.delegations).toHaveLength(1);
    const d = p.delegations[0]!;
    expect(d.priority).toBe(7);
    expect(d.boundaries.maxToolCalls).toBe(10);
    expect(d.boundaries.timeout).toBe(60_000);
    expect(d.boundaries.scope).toEqual(['src/auth.ts']);
    expect(d.requiredCapabilities).toEqual(['CodeReview']);
    expect(d.context).toMatchObject({ workspaceId: 'ws1', sessionId: 's1', strategy: 'code-review' });
  });

  it('plans a bug investigation (priority 9, 15 calls, 120 s)', () => {
    const p = plan('The server crashes with an exception when the cache is empty');
    expect(p.strategy).toBe('bug-investigation');
    expect(p.delegations[0]).toMatchObject({ priority: 9, boundaries: { maxToolCalls: 15, timeout: 120_000 } });
  });

  it('falls back to research (priority 5, 20 calls, 180 s) and scopes to the workspace', () => {
    const p = plan('Tell me about vector clocks');
    expect(p.strategy).toBe('research');
    expect(p.delegations[0]).toMatchObject({
      priority: 5,
      boundaries: { maxToolCalls: 20, timeout: 180_000, scope: ['workspace:ws1'] },
    });
  });

  it('plans more delegations for a complex query, each on a different facet', () => {
    const p = plan(
      'Review the entire codebase across all modules for security, performance and concurrency issues, and also the architecture',
    );
    expect(p.delegations.length).toBeGreaterThanOrEqual(3);
    const facets = p.delegations.map((d) => (d.context as { facet: string }).facet);
    expect(new Set(facets).size).toBe(facets.length);
    expect(p.rationale).toContain('complex');
  });

  it('produces delegations the executor accepts', () => {
    for (const q of ['review a.ts', 'bug: crash on start', 'implement a feature', 'what is CRDT?', 'run the tests']) {
      for (const d of plan(q).delegations) expect(TaskDelegationSchema.safeParse(d).success).toBe(true);
    }
  });

  it('passes memories found in Cortex to the workers', () => {
    const p = planner.plan({
      query: 'why x?',
      workspaceId: 'w',
      sessionId: 's',
      complexity: estimateComplexity('why x?'),
      memories: [{ id: 1 }],
    });
    expect(p.delegations[0]!.context).toMatchObject({ memories: [{ id: 1 }] });
  });
});
