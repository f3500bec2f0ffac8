import { describe, expect, it } from 'vitest';
import { reviewFiles } from '../../src/review/review.js';

const file = (path: string, lines: string[]) => ({ path, absolutePath: `/x/${path}`, text: lines.join('\n') });

describe('reviewFiles', () => {
  it('reports a hard-coded secret at its line, with the value masked', () => {
    const [f] = reviewFiles([file('a.ts', ['const x = 1;', "export const API_KEY = 'abcd1234efgh5678';"])]);
    expect(f).toMatchObject({ rule: 'hardcoded-secret', severity: 'high', file: 'a.ts', line: 2 });
    expect(f?.excerpt).not.toContain('abcd1234efgh5678');
  });

  it('reports eval, token logging, weak hashes and TODO notes', () => {
    const findings = reviewFiles([
      file('b.ts', [
        "const v = eval('(' + s + ')');",
        "console.log('token', token);",
        "createHash('md5').update(p);",
        '// FIXME: later',
      ]),
    ]);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['eval', 1],
      ['token-logging', 2],
      ['weak-hash', 3],
      ['todo', 4],
    ]);
  });

  it('reports an exported function that uses untrusted input unchecked, not one that checks it', () => {
    const findings = reviewFiles([
      file('c.ts', [
        'export function login(username: string, password: string) {',
        '  return db.find(username, password);',
        '}',
        'export function safe(username: string) {',
        "  if (typeof username !== 'string') throw new TypeError('username');",
        '  return username;',
        '}',
      ]),
    ]);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'missing-input-validation',
        line: 1,
        message: expect.stringContaining('username, password'),
      }),
    ]);
  });

  it('reports a function longer than the limit', () => {
    const body = Array.from({ length: 5 }, (_, i) => `  const v${i} = ${i};`);
    const findings = reviewFiles([file('d.ts', ['function long() {', ...body, '}'])], { maxFunctionLines: 4 });
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'long-function', line: 1, message: expect.stringContaining('5 lines') }),
    ]);
  });

  it('ignores braces inside strings when measuring a function', () => {
    const findings = reviewFiles(
      [file('e.ts', ['function f() {', "  return '}}}';", '}', 'function g() {', '  return 1;', '}'])],
      {
        maxFunctionLines: 1,
      },
    );
    expect(findings).toEqual([]);
  });

  it('finds nothing in clean code', () => {
    expect(reviewFiles([file('f.ts', ['export const add = (a: number, b: number): number => a + b;'])])).toEqual([]);
  });
});
