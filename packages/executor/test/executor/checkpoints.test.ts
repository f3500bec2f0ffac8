import { describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../src/executor/checkpoints.js';
import { StderrTails } from '../../src/executor/stderr-tail.js';
import { createHarness, rejectionOf } from '../helpers/harness.js';

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

describe('AgentExecutor checkpoints from a hostile agent', () => {
  it('refuses a checkpoint 100 000 levels deep and one of 2 MiB to the agent, keeping the previous one for a retry', async () => {
    const h = await createHarness();
    try {
      const bad = await h.agent('bad-checkpoints');
      const delegation = { taskId: 'cp-1', objective: 'x', boundaries: { scope: ['x'], timeout: '60s' } };
      const err = await rejectionOf(h.executor.executeTask(bad, delegation));
      expect(err.code).toBe('TASK_FAILED');
      expect(err.message).toContain('nested deeper than 64 levels');
      expect(err.message).toContain('larger than 1048576 bytes');
      expect(err.message).toContain('task/checkpoint of task cp-1 refused');
      expect(h.executor.getCheckpoint('cp-1')).toEqual({ step: 1 });
      const refused = h.events.filter((e) => e.type === 'task-checkpoint' && e.refused !== undefined);
      expect(refused).toHaveLength(2);
      // The retry carries the good checkpoint: sending it works.
      const resume = await h.agent('resume');
      const r = await h.executor.executeTask(resume, delegation, { attempt: 2 });
      expect(r.output).toEqual({ resumedFrom: { step: 1 } });
    } finally {
      await h.close();
    }
  });
});
