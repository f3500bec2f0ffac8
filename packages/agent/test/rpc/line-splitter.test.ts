import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/index.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

function split(max: number) {
  const lines: string[] = [];
  const dropped: Array<[number, boolean]> = [];
  const s = new LineSplitter({
    maxLineBytes: max,
    onLine: (l) => lines.push(dec.decode(l)),
    onDropped: (n, first) => dropped.push([n, first]),
  });
  return { s, lines, dropped };
}

describe('LineSplitter', () => {
  it('splits lines across chunks and strips a trailing CR', () => {
    const { s, lines } = split(100);
    s.push(enc.encode('ab'));
    s.push(enc.encode('c\r\nde\nf'));
    s.flush();
    expect(lines).toEqual(['abc', 'de', 'f']);
  });

  it('measures lines in UTF-8 bytes, not UTF-16 units', () => {
    const { s, lines, dropped } = split(9);
    // '€' is 3 bytes and 1 UTF-16 unit: 3 fit in 9 bytes, 4 do not.
    s.push(enc.encode('€€€\n€€€€\nok\n'));
    expect(lines).toEqual(['€€€', 'ok']);
    expect(dropped).toEqual([[12, true]]);
  });

  it('drops an over-long line as it streams, reporting each dropped run, and resumes at its newline', () => {
    const { s, lines, dropped } = split(8);
    s.push(enc.encode('12345'));
    s.push(enc.encode('67890'));
    s.push(enc.encode('abcdef'));
    s.push(enc.encode('gh\nnext\n'));
    expect(lines).toEqual(['next']);
    expect(dropped).toEqual([
      [10, true],
      [6, false],
      [2, false],
    ]);
  });

  it('holds no more than maxLineBytes of an endless line', () => {
    const { s, lines, dropped } = split(1024);
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    for (let i = 0; i < 128; i++) s.push(chunk);
    s.flush();
    expect(lines).toEqual([]);
    expect(dropped.reduce((n, [b]) => n + b, 0)).toBe(128 * 64 * 1024);
    expect(dropped.filter(([, first]) => first)).toHaveLength(1);
  });

  it('rejects a maxLineBytes that is not a positive integer', () => {
    expect(() => new LineSplitter({ maxLineBytes: 0, onLine: () => undefined })).toThrow(/maxLineBytes/);
  });
});
