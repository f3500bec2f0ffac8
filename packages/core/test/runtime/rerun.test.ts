import { afterEach, describe, expect, it } from 'vitest';
import { NODE, agentArgs, cleanup, makeRuntime, record, task } from '../support/runtime.js';

afterEach(cleanup);

describe('executeTask', () => {
  it('reports attempt 2 for a re-run that resumes from the checkpoint of a crashed first run', async () => {
    const rt = makeRuntime({ recovery: { enableAutoRestart: false } });
    await rt.start();
    const events = record(rt);
    const first = await rt.spawnAgent('a1', 'w', NODE, agentArgs());
    const t = task({ action: 'crash-once' }, { taskId: 'rerun-me' });
    await expect(rt.executeTask(first, t)).rejects.toMatchObject({ code: expect.any(String) });
    const second = await rt.spawnAgent('a2', 'w', NODE, agentArgs());
    const result = await rt.executeTask(second, t);
    expect(result.attempt).toBe(2);
    expect(result.output).toMatchObject({ attempt: 2, resumedFrom: { step: 3, by: first } });
    const started = events.filter((e) => e.type === 'task.started' && e.taskId === 'rerun-me');
    expect(started.map((e) => (e as { attempt: number }).attempt)).toEqual([1, 2]);
  });
});
