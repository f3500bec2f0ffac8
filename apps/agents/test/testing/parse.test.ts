import { describe, expect, it } from 'vitest';
import { parseTestOutput } from '../../src/testing/parse.js';

describe('parseTestOutput', () => {
  it('reads TAP summary lines', () => {
    expect(parseTestOutput('ok 1 - a\nnot ok 2 - b\n# tests 2\n# pass 1\n# fail 1\n')).toMatchObject({
      format: 'tap',
      passed: 1,
      failed: 1,
      total: 2,
    });
  });
  it('counts TAP ok / not ok lines when there is no summary', () => {
    expect(parseTestOutput('ok 1 - a\nok 2 - b\nnot ok 3 - c\n')).toMatchObject({
      format: 'tap',
      passed: 2,
      failed: 1,
    });
  });
  it('reads node:test, vitest, jest, mocha and pytest summaries', () => {
    expect(parseTestOutput('ℹ tests 3\nℹ pass 2\nℹ fail 1\n')).toMatchObject({
      format: 'node-test',
      passed: 2,
      failed: 1,
    });
    expect(parseTestOutput(' Test Files  1 passed (1)\n      Tests  4 passed | 1 failed (5)\n')).toMatchObject({
      format: 'vitest',
      passed: 4,
      failed: 1,
    });
    expect(parseTestOutput('Tests:       1 failed, 3 passed, 4 total\n')).toMatchObject({
      format: 'jest',
      passed: 3,
      failed: 1,
    });
    expect(parseTestOutput('  5 passing (10ms)\n  2 failing\n')).toMatchObject({
      format: 'mocha',
      passed: 5,
      failed: 2,
    });
    expect(parseTestOutput('===== 3 passed, 1 failed in 0.12s =====\n')).toMatchObject({
      format: 'pytest',
      passed: 3,
      failed: 1,
    });
  });
  it('says unknown when nothing matches', () => {
    expect(parseTestOutput('hello')).toMatchObject({ format: 'unknown', total: 0 });
  });
});
