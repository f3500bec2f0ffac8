import { describe, expect, it } from 'vitest';
import { splitCommand } from '../../src/testing/command.js';

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
