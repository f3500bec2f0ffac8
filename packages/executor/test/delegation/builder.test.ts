import { describe, expect, it } from 'vitest';
import { TaskDelegation } from '../../src/delegation/task-delegation.js';
import { ExecutorError } from '../../src/errors/executor-error.js';

describe('TaskDelegationBuilder', () => {
  it('builds the delegation of the issue example', () => {
    const d = TaskDelegation.builder()
      .objective('Review auth')
      .addScope('src/auth')
      .maxToolCalls(20)
      .timeout('120s')
      .build();
    expect(d.objective).toBe('Review auth');
    expect(d.boundaries).toMatchObject({ scope: ['src/auth'], maxToolCalls: 20, timeout: 120_000 });
    expect(d.taskId).toBeTruthy();
  });
  it('sets every field', () => {
    const d = TaskDelegation.builder()
      .taskId('t-9')
      .objective('o')
      .outputFormat('json', { type: 'object' })
      .requireSection('A')
      .optionalSection('B')
      .allowTool('cortex_search', 'cortex_store')
      .addScope('a', 'b')
      .addConstraint('read only')
      .priority(8)
      .requireCapability('code')
      .context({ repo: 'axon' })
      .context({ branch: 'main' })
      .build();
    expect(d).toEqual({
      taskId: 't-9',
      objective: 'o',
      outputFormat: {
        formatType: 'json',
        requiredSections: ['A'],
        optionalSections: ['B'],
        schema: { type: 'object' },
      },
      allowedTools: ['cortex_search', 'cortex_store'],
      boundaries: { scope: ['a', 'b'], constraints: ['read only'], maxToolCalls: 50, timeout: 300_000 },
      priority: 8,
      requiredCapabilities: ['code'],
      context: { repo: 'axon', branch: 'main' },
    });
  });
  it('throws INVALID_DELEGATION naming boundaries.scope when no scope was added', () => {
    const build = () => TaskDelegation.builder().objective('o').build();
    expect(build).toThrow(ExecutorError);
    expect(build).toThrow(/boundaries\.scope/);
  });
  it('throws naming objective when it is missing', () => {
    try {
      TaskDelegation.builder().addScope('s').build();
      expect.unreachable();
    } catch (e) {
      expect((e as ExecutorError).code).toBe('INVALID_DELEGATION');
      expect((e as ExecutorError).data?.['path']).toBe('objective');
    }
  });
  it('throws naming boundaries.maxToolCalls for a zero budget', () => {
    expect(() => TaskDelegation.builder().objective('o').addScope('s').maxToolCalls(0).build()).toThrow(
      /boundaries\.maxToolCalls/,
    );
  });
});

describe('templates', () => {
  it.each([
    ['codeReview', 7, 10, 60_000],
    ['bugInvestigation', 9, 15, 120_000],
    ['research', 5, 20, 180_000],
  ] as const)('%s has priority %i, %i calls, %i ms', (name, priority, calls, timeout) => {
    const d = TaskDelegation[name]().objective('o').addScope('s').build();
    expect(d.priority).toBe(priority);
    expect(d.boundaries.maxToolCalls).toBe(calls);
    expect(d.boundaries.timeout).toBe(timeout);
    expect(d.outputFormat.requiredSections.length).toBeGreaterThan(0);
  });
  it('lets a template be overridden', () => {
    expect(TaskDelegation.research().objective('o').addScope('s').maxToolCalls(3).build().boundaries.maxToolCalls).toBe(
      3,
    );
  });
});
