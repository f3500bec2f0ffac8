/** Pass/fail counts read from a test command's output. */
export interface TestCounts {
  /** Tests that passed. */
  passed: number;
  /** Tests that failed. */
  failed: number;
  /** Tests skipped or pending. */
  skipped: number;
  /** passed + failed + skipped. */
  total: number;
  /** Which output format the counts were read from. */
  format: 'tap' | 'node-test' | 'vitest' | 'jest' | 'mocha' | 'pytest' | 'unknown';
}

const num = (m: RegExpExecArray | null, group = 1): number => (m ? Number(m[group]) : 0);

/**
 * Reads pass/fail counts from test output: TAP (`# pass N` or `ok`/`not ok` lines), node:test (`ℹ pass N`),
 * vitest (`Tests  3 passed | 1 failed`), jest (`Tests: 1 failed, 3 passed`), mocha (`3 passing`), pytest
 * (`3 passed, 1 failed in 0.1s`). The last summary in the output wins. `unknown` with zero counts when none matches.
 */
export function parseTestOutput(output: string): TestCounts {
  // eslint-disable-next-line no-control-regex -- strips ANSI colour codes
  const text = output.replace(/\u001b\[[0-9;]*m/g, '');
  const make = (format: TestCounts['format'], passed: number, failed: number, skipped = 0): TestCounts => ({
    format,
    passed,
    failed,
    skipped,
    total: passed + failed + skipped,
  });
  const last = (re: RegExp): RegExpExecArray | null => {
    let m: RegExpExecArray | null = null;
    for (const hit of text.matchAll(re)) m = hit;
    return m;
  };

  const nodePass = last(/^ℹ pass (\d+)$/gm);
  if (nodePass)
    return make('node-test', num(nodePass), num(last(/^ℹ fail (\d+)$/gm)), num(last(/^ℹ skipped (\d+)$/gm)));
  const tapPass = last(/^# pass (\d+)$/gm);
  if (tapPass) return make('tap', num(tapPass), num(last(/^# fail (\d+)$/gm)), num(last(/^# skip(?:ped)? (\d+)$/gm)));
  const vitest = last(/^\s*Tests\s+(.*\d+ (?:passed|failed).*)$/gm);
  if (vitest?.[1] && !vitest[1].includes(',')) {
    const line = vitest[1];
    return make(
      'vitest',
      num(/(\d+) passed/.exec(line)),
      num(/(\d+) failed/.exec(line)),
      num(/(\d+) skipped/.exec(line)),
    );
  }
  const jest = last(/^Tests:\s+(.*)$/gm);
  if (jest?.[1]) {
    const line = jest[1];
    return make(
      'jest',
      num(/(\d+) passed/.exec(line)),
      num(/(\d+) failed/.exec(line)),
      num(/(\d+) skipped/.exec(line)),
    );
  }
  const mocha = last(/^\s*(\d+) passing/gm);
  if (mocha) return make('mocha', num(mocha), num(last(/^\s*(\d+) failing/gm)), num(last(/^\s*(\d+) pending/gm)));
  const pytest = last(/^=*\s*(.*\d+ (?:passed|failed).*) in [\d.]+s/gm);
  if (pytest?.[1]) {
    const line = pytest[1];
    return make(
      'pytest',
      num(/(\d+) passed/.exec(line)),
      num(/(\d+) failed/.exec(line)),
      num(/(\d+) skipped/.exec(line)),
    );
  }
  const ok = [...text.matchAll(/^ok \d+/gm)].length;
  const notOk = [...text.matchAll(/^not ok \d+/gm)].length;
  if (ok + notOk > 0) return make('tap', ok, notOk);
  return make('unknown', 0, 0);
}
