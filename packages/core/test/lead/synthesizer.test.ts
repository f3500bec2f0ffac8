import { describe, expect, it } from 'vitest';
import { parseOutput } from '../../src/lead/output-parsing.js';
import { synthesize, type WorkerResult } from '../../src/lead/synthesizer.js';

const delegation = (objective: string) => ({ objective, boundaries: { scope: ['x'] } });
const result = (workerId: string, output: unknown, extra: Partial<WorkerResult> = {}): WorkerResult => ({
  workerId,
  task: { taskId: `${workerId}-t`, outputFormat: { requiredSections: ['Summary', 'Issues', 'Recommendations'] } },
  output,
  durationMs: 100,
  toolCalls: 2,
  ...extra,
});

describe('parseOutput', () => {
  it('reads markdown sections, bullets, file and line', () => {
    const p = parseOutput(
      '## Summary\nAll fine mostly.\n## Issues\n- src/a.ts:12: null dereference\n- missing test\n## Recommendations\n1. add a guard\n',
    );
    expect(p.summary).toBe('All fine mostly.');
    expect(p.findings).toEqual([
      { message: 'null dereference', file: 'src/a.ts', line: 12 },
      { message: 'missing test' },
    ]);
    expect(p.recommendations).toEqual(['add a guard']);
    expect([...p.sections]).toEqual(['summary', 'issues', 'recommendations']);
  });

  it('reads structured outputs', () => {
    const p = parseOutput({
      summary: 's',
      findings: [{ title: 'leak', file: 'b.ts', line: 3, severity: 'high' }, 'plain'],
      recommendations: ['r1'],
    });
    expect(p.findings).toEqual([{ message: 'leak', file: 'b.ts', line: 3, severity: 'high' }, { message: 'plain' }]);
    expect(p.recommendations).toEqual(['r1']);
  });
});

describe('synthesize', () => {
  it('dedupes findings across workers, ranks corroborated and severe first, and totals usage per worker', () => {
    const out = synthesize({
      query: 'q',
      strategy: 'code-review',
      outcomes: [
        {
          delegation: delegation('a'),
          result: result(
            'w1',
            {
              summary: 'one',
              findings: [
                { message: 'Leak.', severity: 'low' },
                { message: 'typo', severity: 'critical' },
              ],
              recommendations: ['fix it'],
              issues: [],
            },
            { tokensUsed: 10, costCents: 1 },
          ),
        },
        {
          delegation: delegation('b'),
          result: result('w2', '## Summary\ntwo\n## Issues\n- leak\n## Recommendations\n- Fix it\n', {
            durationMs: 300,
          }),
        },
        { delegation: delegation('c'), result: result('w1', { summary: 'three' }, { tokensUsed: 5 }) },
        { delegation: delegation('d'), error: { code: 'TIMEOUT', message: 'too slow' } },
      ],
    });
    expect(out.findings.map((f) => f.message)).toEqual(['Leak.', 'typo']);
    expect(out.findings[0]!.reportedBy).toEqual(['w1', 'w2']);
    expect(out.recommendations).toEqual(['fix it']);
    expect(out.summary).toBe('one two three');
    expect(out.workers).toEqual([
      { workerId: 'w1', tasks: 2, durationMs: 200, toolCalls: 4, tokensUsed: 15, costCents: 1 },
      { workerId: 'w2', tasks: 1, durationMs: 300, toolCalls: 2, tokensUsed: 0, costCents: 0 },
    ]);
    expect(out.failures).toEqual([{ objective: 'd', code: 'TIMEOUT', message: 'too slow' }]);
    expect(out.quality).toMatchObject({
      planned: 4,
      succeeded: 3,
      successRate: 0.75,
      corroboratedFindings: 1,
      elapsedMs: 300,
    });
    // w1's first output has summary and recommendations (its `issues` is empty: missing) → 2/3; w2 3/3; third 1/3.
    expect(out.quality.sectionCoverage).toBeCloseTo(6 / 9);
    expect(out.quality.confidence).toBeCloseTo(Math.round(0.75 * (0.5 + 0.5 * (6 / 9)) * 100) / 100);
  });

  it('reports an empty plan as zero confidence', () => {
    const out = synthesize({ query: 'q', strategy: 'research', outcomes: [] });
    expect(out.quality.successRate).toBe(0);
    expect(out.quality.confidence).toBe(0);
    expect(out.summary).toContain('0/0');
  });

  it('counts only sections with content: null, blank, empty lists and headings without text are missing', () => {
    const padded = { summary: null, issues: [null, ''], recommendations: {} };
    const out = synthesize({
      query: 'q',
      strategy: 's',
      outcomes: [
        { delegation: delegation('a'), result: result('w1', padded) },
        { delegation: delegation('b'), result: result('w2', '## Summary\n## Issues\n## Recommendations\n') },
      ],
    });
    expect(out.quality.sectionCoverage).toBe(0);
    expect(out.quality.confidence).toBe(0.5);
  });

  it('corroborates a finding only across different workers answering different facets', () => {
    const finding = { findings: [{ message: 'leak', file: 'a.ts', line: 1 }] };
    const same = synthesize({
      query: 'q',
      strategy: 's',
      outcomes: [
        { delegation: delegation('review a.ts'), result: result('w1', finding) },
        { delegation: delegation('review a.ts'), result: result('w2', finding) },
      ],
    });
    expect(same.quality.corroboratedFindings).toBe(0);
    const oneWorker = synthesize({
      query: 'q',
      strategy: 's',
      outcomes: [
        { delegation: delegation('review a.ts'), result: result('w1', finding) },
        { delegation: delegation('security of a.ts'), result: result('w1', finding) },
      ],
    });
    expect(oneWorker.quality.corroboratedFindings).toBe(0);
    const different = synthesize({
      query: 'q',
      strategy: 's',
      outcomes: [
        { delegation: delegation('review a.ts'), result: result('w1', finding) },
        { delegation: delegation('security of a.ts'), result: result('w2', finding) },
      ],
    });
    expect(different.quality.corroboratedFindings).toBe(1);
  });

  it('measures elapsed time as wall time: the given figure, else the span of the tasks', () => {
    const at = (ms: number) => new Date(1_000_000 + ms);
    const outcomes = [
      { delegation: delegation('a'), result: result('w1', {}, { durationMs: 100, completedAt: at(100) }) },
      { delegation: delegation('b'), result: result('w2', {}, { durationMs: 100, completedAt: at(400) }) },
    ];
    expect(synthesize({ query: 'q', strategy: 's', outcomes }).quality.elapsedMs).toBe(400);
    expect(synthesize({ query: 'q', strategy: 's', outcomes, elapsedMs: 950 }).quality.elapsedMs).toBe(950);
  });
});
