import { describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../src/executor/checkpoints.js';
import { StderrTails } from '../../src/executor/stderr-tail.js';

describe('CheckpointStore', () => {
  it('keeps the latest checkpoint per task and drops the oldest task past max', () => {
    const s = new CheckpointStore(2);
    s.set('a', 1);
    s.set('b', 1);
    s.set('a', 2);
    s.set('c', 1);
    expect(s.get('a')).toBe(2);
    expect(s.get('b')).toBeUndefined();
    expect(s.get('c')).toBe(1);
    s.delete('a');
    expect(s.get('a')).toBeUndefined();
  });
});

describe('StderrTails', () => {
  it('keeps the last lines of watched agents only', () => {
    const t = new StderrTails(2);
    t.push('x', 'ignored');
    t.watch('x');
    for (const l of ['1', '2', '3']) t.push('x', l);
    expect(t.tail('x')).toBe('2\n3');
    t.unwatch('x');
    expect(t.tail('x')).toBe('');
  });
});
