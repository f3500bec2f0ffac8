import { describe, expect, it } from 'vitest';
import { planChanges } from '../../src/plan/plan.js';
import type { Finding } from '../../src/review/finding.js';

const finding = (
  rule: string,
  line: number,
  severity: Finding['severity'] = 'medium',
  excerpt = '',
  message = '',
): Finding => ({ rule, severity, file: 'src/a.ts', line, message, excerpt });

describe('planChanges', () => {
  it('makes one step per distinct finding, preferring the Cortex copy, ordered by severity then line', () => {
    const plan = planChanges([finding('todo', 3, 'low')], [finding('todo', 3, 'low'), finding('eval', 9, 'high')]);
    expect(plan.map((s) => [s.step, s.rule, s.line, s.source])).toEqual([
      [1, 'eval', 9, 'scan'],
      [2, 'todo', 3, 'cortex'],
    ]);
  });

  it('words each change from the code it is about (no advice the code does not call for)', () => {
    const plan = planChanges(
      [],
      [
        finding('hardcoded-secret', 2, 'high', "export const stripeKey = '****';"),
        finding(
          'eval',
          5,
          'high',
          'run(eval(source));',
          'eval(source) runs code built at run time: call the code directly instead.',
        ),
        finding(
          'eval',
          6,
          'high',
          "eval('(' + json + ')')",
          "eval('(' + json + ')') decodes data by running it as code: parse it with JSON.parse instead.",
        ),
        finding('todo', 9, 'low', '// TODO: cache the lookup'),
      ],
    );
    expect(plan.map((s) => s.change)).toEqual([
      expect.stringMatching(/^Read stripeKey from process\.env\.STRIPE_KEY .*line 2/),
      expect.stringMatching(/^At line 5 \(run\(eval\(source\)\);\): call the code directly/),
      expect.stringMatching(/^At line 6 .*JSON\.parse and check the fields that are used\.$/),
      'Resolve "TODO: cache the lookup" (line 9) or track it in an issue, then delete the note.',
    ]);
    expect(plan.map((s) => s.change).join(' ')).not.toMatch(/\b(sub|iss|exp|JWT|claims)\b/);
  });

  it('is empty without findings', () => {
    expect(planChanges([], [])).toEqual([]);
  });
});
