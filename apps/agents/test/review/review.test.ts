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

  it('words eval advice from its argument: JSON.parse only for data, and never flags the dynamic-import shim', () => {
    const findings = reviewFiles([
      file('g.js', [
        "const claims = eval('(' + payload + ')');",
        'const handler = eval(source);',
        'const load = new Function("specifier", "return import(specifier)");',
        "const add = new Function('a', 'b', 'return a + b');",
      ]),
    ]);
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [1, expect.stringMatching(/decodes data .*JSON\.parse/)],
      [2, expect.stringMatching(/^eval\(source\) runs code built at run time: call the code directly/)],
      [4, expect.stringMatching(/^new Function compiles code from a string/)],
    ]);
    expect(findings[1]?.message).not.toContain('JSON.parse');
  });

  it('says a weak hash is about credentials only when the line is', () => {
    const [pw, sum] = reviewFiles([
      file('h.ts', ["const h = createHash('md5').update(password);", "const etag = createHash('sha1').update(body);"]),
    ]);
    expect(pw?.message).toMatch(/^MD5 hashes a credential/);
    expect(sum?.message).toMatch(/^SHA1 is broken for security uses/);
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
