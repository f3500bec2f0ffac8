import { afterEach, describe, expect, it } from 'vitest';
import { NODE, agentArgs, cleanup, makeRuntime, record, task, until } from '../support/runtime.js';

afterEach(cleanup);

describe('bridgeLayerEvents', () => {
  it('publishes agent logs at or above agentLogLevel, and plain stderr lines', async () => {
    const rt = makeRuntime({ monitoring: { agentLogLevel: 'info' } });
    await rt.start();
    const events = record(rt);
    const id = await rt.spawnAgent('w', 'w', NODE, agentArgs());
    const t = task({ action: 'log' }, { taskId: 'log-task-1' });
    await rt.executeTask(id, t);
    await until(
      () => events.some((e) => e.type === 'agent.log' && e.line.includes('plain stderr line')),
      5_000,
      'the stderr line',
    );
    const lines = events.filter((e) => e.type === 'agent.log').map((e) => (e as { line: string }).line);
    expect(lines).toContain('[warn] something odd');
    expect(lines.some((l) => l.includes('detail for debugging'))).toBe(false);
    expect(events.find((e) => e.type === 'agent.log' && e.line === '[warn] something odd')).toMatchObject({
      agentId: id,
      level: 'warn',
      data: { bytes: 9_000_000, file: 'big.bin' },
      taskId: 'log-task-1',
    });
  });

  it('publishes nothing from agent logs when log aggregation is off', async () => {
    const rt = makeRuntime({ monitoring: { enableLogAggregation: false } });
    await rt.start();
    const events = record(rt);
    const id = await rt.spawnAgent('w', 'w', NODE, agentArgs());
    await rt.executeTask(id, task({ action: 'log' }));
    // Once the process layer has captured both lines, the bridge has seen their log events (emitted synchronously).
    await until(
      () => ['something odd', 'plain stderr line'].every((t) => rt.processManager.logs(id).some((l) => l.includes(t))),
      5_000,
      'the stderr line in the process log',
    );
    expect(events.filter((e) => e.type === 'agent.log')).toEqual([]);
  });
});
