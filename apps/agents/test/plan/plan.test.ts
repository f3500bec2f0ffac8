import { describe, expect, it } from 'vitest';
import { planChanges } from '../../src/plan/plan.js';
import type { Finding } from '../../src/review/finding.js';

const finding = (rule: string, line: number, severity: Finding['severity'] = 'medium'): Finding => ({
  rule,
  severity,
  file: 'src/a.ts',
  line,
  message: '',
  excerpt: '',
});

describe('planChanges', () => {
  it('makes one step per distinct finding, preferring the Cortex copy, ordered by severity then line', () => {
    const plan = planChanges([finding('todo', 3, 'low')], [finding('todo', 3, 'low'), finding('eval', 9, 'high')]);
    expect(plan.map((s) => [s.step, s.rule, s.line, s.source])).toEqual([
      [1, 'eval', 9, 'scan'],
      [2, 'todo', 3, 'cortex'],
    ]);
    expect(plan[0]?.change).toContain('JSON.parse');
  });

  it('is empty without findings', () => {
    expect(planChanges([], [])).toEqual([]);
  });
});
