import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/index.js';

describe('parseDuration', () => {
  it('takes numbers as milliseconds', () => {
    expect(parseDuration(1500)).toBe(1500);
    expect(parseDuration(0)).toBe(0);
  });
  it('parses ms, s, m and h suffixes', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('120s')).toBe(120_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration(' 30 s ')).toBe(30_000);
  });
  it('combines parts and knows days, like the runtime config', () => {
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('1d')).toBe(86_400_000);
  });
  it('reads a bare numeric string as milliseconds', () => {
    expect(parseDuration('42')).toBe(42);
  });
  it('rejects negative, non-finite and unknown units', () => {
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(Number.NaN)).toBeUndefined();
    expect(parseDuration(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(parseDuration('5 days')).toBeUndefined();
    expect(parseDuration('-5s')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
});
