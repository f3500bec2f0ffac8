import { describe, expect, it } from 'vitest';
import { PriorityQueue } from '../../src/queue/priority-queue.js';

describe('PriorityQueue', () => {
  it('pops the highest priority first, FIFO among equals', () => {
    const q = new PriorityQueue<string>();
    q.push('low-1', 1);
    q.push('high-1', 9);
    q.push('mid', 5);
    q.push('high-2', 9);
    q.push('low-2', 1);
    expect(q.drain()).toEqual(['high-1', 'high-2', 'mid', 'low-1', 'low-2']);
    expect(q.size).toBe(0);
  });

  it('keeps heap order over many random pushes and pops', () => {
    const q = new PriorityQueue<{ p: number; n: number }>();
    let n = 0;
    const expected: Array<{ p: number; n: number }> = [];
    for (let i = 0; i < 2000; i++) {
      const item = { p: (i * 7919) % 10, n: n++ };
      q.push(item, item.p);
      expected.push(item);
    }
    expected.sort((a, b) => b.p - a.p || a.n - b.n);
    expect(q.drain()).toEqual(expected);
  });

  it('pops the best item a predicate accepts and removes arbitrary items', () => {
    const q = new PriorityQueue<string>();
    q.push('a:review', 5);
    q.push('b:test', 8);
    q.push('c:review', 7);
    expect(q.popWhere((x) => x.endsWith('review'))).toBe('c:review');
    expect(q.popWhere((x) => x.endsWith('deploy'))).toBeUndefined();
    expect(q.remove('a:review')).toBe(true);
    expect(q.remove('a:review')).toBe(false);
    expect(q.peek()).toBe('b:test');
    expect(q.values()).toEqual(['b:test']);
  });
});
