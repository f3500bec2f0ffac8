import { describe, expect, it } from 'vitest';
import type { QueuedTask } from '../../src/pool/queued-task.js';
import { TaskQueue } from '../../src/pool/task-queue.js';

const entry = (taskId: string, need: string[]) => ({ task: { taskId, requiredCapabilities: need } }) as QueuedTask;
const ids = (entries: QueuedTask[]) => entries.map((e) => e.task.taskId);

describe('TaskQueue', () => {
  it('orders by priority, then arrival, across sets of required capabilities', () => {
    const q = new TaskQueue();
    q.push(entry('a-low', ['a']), 1);
    q.push(entry('b-high', ['b']), 9);
    q.push(entry('a-high', ['a']), 9);
    q.push(entry('none', []), 5);
    expect(q.size).toBe(4);
    expect(ids(q.heads())).toEqual(['b-high', 'a-high', 'none']);
    expect(ids(q.drain())).toEqual(['b-high', 'a-high', 'none', 'a-low']);
    expect(q.size).toBe(0);
  });

  it('finds the oldest task a free agent can serve past a blocked head, asking once per set, not per task', () => {
    const q = new TaskQueue();
    for (let i = 0; i < 1_000; i++) q.push(entry(`rare-${i}`, ['rare']), 0);
    q.push(entry('common-1', ['common']), 0);
    q.push(entry('common-2', ['common']), 0);
    let asked = 0;
    const serve = (e: QueuedTask) => {
      asked++;
      return e.task.requiredCapabilities[0] === 'common' ? 'agent' : undefined;
    };
    const found = q.first(serve);
    expect(found).toMatchObject({ value: 'agent', entry: { task: { taskId: 'common-1' } } });
    expect(asked).toBe(2);
    expect(q.remove(found!.entry)).toBe(true);
    expect(q.remove(found!.entry)).toBe(false);
    expect(q.first(serve)?.entry.task.taskId).toBe('common-2');
    expect(q.first(() => undefined)).toBeUndefined();
    expect(q.size).toBe(1_001);
  });

  it('removes a task from the middle of its set and drops a set once empty', () => {
    const q = new TaskQueue();
    const tasks = ['x1', 'x2', 'x3'].map((id) => entry(id, ['x']));
    for (const t of tasks) q.push(t, 0);
    expect(q.remove(tasks[1]!)).toBe(true);
    expect(ids(q.values()).sort()).toEqual(['x1', 'x3']);
    q.remove(tasks[0]!);
    q.remove(tasks[2]!);
    expect(q.heads()).toEqual([]);
  });
});
