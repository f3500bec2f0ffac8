import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize, parseDuration, parseSize } from '../../src/config/units.js';

describe('parseDuration', () => {
  it('keeps milliseconds given as a number', () => {
    expect(parseDuration(1500)).toBe(1500);
  });
  it('reads unit strings, compound strings and bare digits', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('42')).toBe(42);
  });
  it('rejects what is not a duration', () => {
    expect(parseDuration('5x')).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(true)).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
});

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
