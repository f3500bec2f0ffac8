import { afterEach, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/bus/events.js';
import { isRuntimeError } from '../../src/errors/runtime-error.js';
import { NODE, agentArgs, cleanup, makeRuntime, record, task } from '../support/runtime.js';

afterEach(cleanup);

const MiB = 1024 * 1024;
const of = <T extends RuntimeEvent['type']>(events: RuntimeEvent[], type: T) =>
  events.filter((e): e is Extract<RuntimeEvent, { type: T }> => e.type === type);

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('AgentRuntime: tasks whose agent breaks a resource limit', () => {
  it('fails a submitted memory hog with RESOURCE_LIMIT_EXCEEDED and does not retry it by default', async () => {
    const rt = makeRuntime({ monitoring: { metricsInterval: 200 }, recovery: { restartBackoffBase: 100 } });
    rt.registerAgentType('hog', {
      command: NODE,
      args: agentArgs(['Hog']),
      capabilities: ['Hog'],
      max: 2,
      limits: { maxMemoryBytes: 160 * MiB },
    });
    await rt.start();
    const events = record(rt);
    const err = await rejection(rt.submit(task({ action: 'hog' }, { taskId: 'hog-1', requiredCapabilities: ['Hog'] })));
    expect(isRuntimeError(err)).toBe(true);
    if (!isRuntimeError(err)) return;
    expect(err.code).toBe('RESOURCE_LIMIT_EXCEEDED');
    expect(err.layer).toBe('executor');
    expect(err.data).toMatchObject({ limit: 'memory', max: 160 * MiB, taskId: 'hog-1' });
    expect(err.data['value']).toBeGreaterThanOrEqual(160 * MiB);
    expect(err.message).toContain(`agent ${String(err.data['agentId'])} exceeded its memory limit`);
    expect(of(events, 'task.failed')).toEqual([
      expect.objectContaining({ taskId: 'hog-1', code: 'RESOURCE_LIMIT_EXCEEDED', willRetry: false }),
    ]);
    expect(of(events, 'task.retrying')).toHaveLength(0);
  });

  it('fails an output flood on executeTask with RESOURCE_LIMIT_EXCEEDED naming the output limit and the agent', async () => {
    const rt = makeRuntime();
    await rt.start();
    const id = await rt.spawnAgent('flooder', 'flooder', NODE, agentArgs(), {
      limits: { maxOutputSizeBytes: 512 * 1024 },
      autoRestart: false,
    });
    const err = await rejection(rt.executeTask(id, task({ action: 'flood' }, { taskId: 'flood-1' })));
    expect(err).toMatchObject({
      code: 'RESOURCE_LIMIT_EXCEEDED',
      data: { limit: 'output', max: 512 * 1024, agentId: id, taskId: 'flood-1' },
    });
    expect((err as Error).message).toContain(`agent ${id} exceeded its output limit`);
    expect(rt.getAgent(id)?.lastFailure?.code).toBe('RESOURCE_LIMIT_EXCEEDED');
  });

  it('retries a limit breach when the task opts in through retryOn', async () => {
    const rt = makeRuntime({ recovery: { restartBackoffBase: 100 } });
    rt.registerAgentType('flooder', {
      command: NODE,
      args: agentArgs(['Flood']),
      capabilities: ['Flood'],
      max: 2,
      limits: { maxOutputSizeBytes: 256 * 1024 },
    });
    await rt.start();
    const events = record(rt);
    const retry = { maxAttempts: 2, retryOn: ['RESOURCE_LIMIT_EXCEEDED'] };
    const err = await rejection(
      rt.submit(task({ action: 'flood' }, { taskId: 'flood-2', requiredCapabilities: ['Flood'] }), { retry }),
    );
    expect(err).toMatchObject({ code: 'RESOURCE_LIMIT_EXCEEDED', data: { limit: 'output' } });
    expect(of(events, 'task.failed').map((e) => [e.attempt, e.willRetry])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(of(events, 'task.retrying')).toHaveLength(1);
  });
});
