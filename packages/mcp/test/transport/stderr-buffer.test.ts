import { describe, expect, it } from 'vitest';
import { StderrBuffer } from '../../src/transport/stderr-buffer.js';

describe('StderrBuffer', () => {
  it('keeps only the newest maxBytes and counts what it dropped', () => {
    const b = new StderrBuffer(100);
    for (let i = 0; i < 50; i++) b.push(`line ${i}\n`);
    expect(b.text().length).toBeLessThanOrEqual(100);
    expect(b.text().endsWith('line 49\n')).toBe(true);
    expect(b.dropped).toBeGreaterThan(0);
    expect(b.tail(2)).toBe('line 48\nline 49');
  });

  it('hands complete lines to onLine across chunk boundaries', () => {
    const lines: string[] = [];
    const b = new StderrBuffer(1000, (l) => lines.push(l));
    b.push('ab');
    b.push('c\nde');
    b.push('f\n');
    expect(lines).toEqual(['abc', 'def']);
  });
});

describe('StderrBuffer in bytes', () => {
  it('bounds what it keeps in UTF-8 bytes, not UTF-16 units', () => {
    const b = new StderrBuffer(30);
    b.push('€'.repeat(20)); // 60 bytes, 20 UTF-16 units
    expect(Buffer.byteLength(b.text())).toBeLessThanOrEqual(30);
    expect(b.dropped).toBe(30);
  });

  it('drops a line longer than maxBytes instead of handing it on', () => {
    const lines: string[] = [];
    const b = new StderrBuffer(8, (l) => lines.push(l));
    b.push('€€€€\nok\n'); // the first line is 12 bytes
    expect(lines).toEqual(['ok']);
  });
});
