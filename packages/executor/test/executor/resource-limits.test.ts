import { afterEach, describe, expect, it } from 'vitest';
import { agentEndedError, limitBreachOf } from '../../src/executor/agent-ended.js';
import { createHarness, rejectionOf, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const task = (taskId: string) => ({ taskId, objective: 'x', boundaries: { scope: ['x'], timeout: '60s' } });
const MiB = 1024 * 1024;

describe('AgentExecutor resource limits', () => {
  it('fails a memory hog with RESOURCE_LIMIT_EXCEEDED naming the memory limit, the value and the agent', async () => {
    h = await createHarness({ processManager: { resourceSamplingInterval: 200 } });
    const agentId = await h.agent('hog', undefined, { maxMemoryBytes: 160 * MiB });
    const started = Date.now();
    const err = await rejectionOf(h.executor.executeTask(agentId, task('hog-task')));
    expect(err.code).toBe('RESOURCE_LIMIT_EXCEEDED');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(err.data).toMatchObject({ limit: 'memory', max: 160 * MiB, agentId, taskId: 'hog-task' });
    // A cgroup OOM kill reports the cgroup's peak, which stops at the limit itself.
    expect(err.data?.['value']).toBeGreaterThanOrEqual(160 * MiB);
    expect(err.message).toContain('memory limit');
    expect(err.message).toContain(agentId);
    expect(err.message).toMatch(/\d+(\.\d)? MiB/);
    expect(h.executor.getStatistics()).toMatchObject({ totalTasks: 1, failedTasks: 1, timedOutTasks: 0 });
    expect(h.events.find((e) => e.type === 'task-failed')).toMatchObject({ code: 'RESOURCE_LIMIT_EXCEEDED' });
  });

  it('fails an output flood with RESOURCE_LIMIT_EXCEEDED naming the output limit', async () => {
    h = await createHarness();
    const agentId = await h.agent('flood', undefined, { maxOutputSizeBytes: 512 * 1024 });
    const err = await rejectionOf(h.executor.executeTask(agentId, task('flood-task')));
    expect(err.code).toBe('RESOURCE_LIMIT_EXCEEDED');
    expect(err.data).toMatchObject({ limit: 'output', max: 512 * 1024, agentId, taskId: 'flood-task' });
    expect(err.data?.['value']).toBeGreaterThan(512 * 1024);
    expect(err.message).toContain(`agent ${agentId} exceeded its output limit`);
    expect(h.pm.isAlive(agentId)).toBe(false);
  });

  it('still reports a plain crash as AGENT_CRASHED', async () => {
    h = await createHarness();
    const agentId = await h.agent('crash');
    const err = await rejectionOf(h.executor.executeTask(agentId, task('plain-crash')));
    expect(err.code).toBe('AGENT_CRASHED');
    expect(err.data?.['limit']).toBeUndefined();
  });
});

describe('limitBreachOf', () => {
  it('reads { limit, value, max } from a RESOURCE_LIMIT_EXCEEDED failure and ignores anything else', () => {
    expect(limitBreachOf({ code: 'RESOURCE_LIMIT_EXCEEDED', data: { limit: 'cpu', value: 95, max: 80 } })).toEqual({
      limit: 'cpu',
      value: 95,
      max: 80,
    });
    expect(limitBreachOf({ code: 'AGENT_CRASHED', data: { limit: 'cpu', value: 95, max: 80 } })).toBeUndefined();
    expect(
      limitBreachOf({ code: 'RESOURCE_LIMIT_EXCEEDED', data: { limit: 'disk', value: 1, max: 0 } }),
    ).toBeUndefined();
    expect(limitBreachOf(undefined)).toBeUndefined();
  });

  it('names a CPU breach in percent, with the config field to raise', () => {
    const err = agentEndedError({
      agentId: 'a1',
      taskId: 't1',
      exit: { exitCode: null, signal: 'SIGTERM' },
      failure: { code: 'RESOURCE_LIMIT_EXCEEDED', data: { limit: 'cpu', value: 97.4, max: 80 } },
      stderrTail: '',
      counts: {},
    });
    expect(err.code).toBe('RESOURCE_LIMIT_EXCEEDED');
    expect(err.message).toContain('cpu limit of 80 % (measured 97 %)');
    expect(err.message).toContain('cpuLimitPercent');
    expect(err.data).toMatchObject({
      limit: 'cpu',
      value: 97.4,
      max: 80,
      agentId: 'a1',
      taskId: 't1',
      signal: 'SIGTERM',
    });
  });
});
