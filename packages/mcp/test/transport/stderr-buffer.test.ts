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
