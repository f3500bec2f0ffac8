import { describe, expect, it } from 'vitest';
import { splitCommand } from '../../src/testing/command.js';
import { parseDuration } from '../../src/testing/run.js';

describe('splitCommand', () => {
  it('splits on whitespace and keeps quoted groups', () => {
    expect(splitCommand(`node  "my dir/run.mjs" --name='a b' x\\ y`)).toEqual([
      'node',
      'my dir/run.mjs',
      '--name=a b',
      'x y',
    ]);
  });
  it('rejects an unterminated quote and an empty line', () => {
    expect(() => splitCommand('node "x')).toThrow(/unterminated/);
    expect(() => splitCommand('   ')).toThrow(/empty/);
  });
});

describe('parseDuration', () => {
  it('accepts milliseconds and unit strings', () => {
    expect([parseDuration(1500), parseDuration('150s'), parseDuration('2m'), parseDuration('250ms')]).toEqual([
      1500, 150_000, 120_000, 250,
    ]);
  });
  it('returns undefined for anything else', () => {
    expect([parseDuration('soon'), parseDuration(-1), parseDuration(undefined)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
