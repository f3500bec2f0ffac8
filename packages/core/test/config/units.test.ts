import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize, parseSize } from '../../src/config/units.js';

describe('parseSize', () => {
  it('reads decimal and binary units', () => {
    expect(parseSize('10MB')).toBe(10_000_000);
    expect(parseSize('10MiB')).toBe(10 * 1024 * 1024);
    expect(parseSize('2gib')).toBe(2 * 1024 ** 3);
    expect(parseSize('512B')).toBe(512);
    expect(parseSize(4096)).toBe(4096);
  });
  it('rejects what is not a size', () => {
    expect(parseSize('ten megs')).toBeUndefined();
    expect(parseSize('5s')).toBeUndefined();
  });
});

describe('format', () => {
  it('formats durations and sizes for humans', () => {
    expect(formatDuration(30_000)).toBe('30s');
    expect(formatDuration(300_000)).toBe('5m');
    expect(formatDuration(1500)).toBe('1500ms');
    expect(formatSize(2 * 1024 ** 3)).toBe('2 GiB');
    expect(formatSize(1000)).toBe('1000 B');
  });
});
