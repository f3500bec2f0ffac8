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
    const err = await rejectionOf(h.executor.executeTask(agentId, task('hog-task')));
    expect(err.code).toBe('RESOURCE_LIMIT_EXCEEDED');
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

describe('AgentExecutor output limit on long-lived agents', () => {
  it('runs 10 000 tasks with 100 KiB results on one warm agent without a limit event (frames are not output)', async () => {
    h = await createHarness();
    // 10 000 × 100 KiB = 1 GiB of frames, 100 times the output budget: only stderr and stray lines count.
    const agentId = await h.agent('big', undefined, { maxOutputSizeBytes: 10 * MiB });
    const limitEvents: unknown[] = [];
    const off = h.pm.subscribe((e) => void (e.type === 'limit-exceeded' && limitEvents.push(e)));
    for (let i = 0; i < 10_000; i++) {
      const r = await h.executor.executeTask(agentId, {
        taskId: `big-${i}`,
        objective: 'x',
        boundaries: { scope: ['x'] },
        context: { bytes: 100 * 1024 },
      });
      if ((r.output as { text: string }).text.length !== 100 * 1024) throw new Error(`short result on task ${i}`);
    }
    off();
    expect(limitEvents).toEqual([]);
    expect(h.pm.get(agentId)?.state).toBe('idle');
    // Only the stderr lines counted: "task big-N\n" per task.
    expect(h.pm.get(agentId)?.outputBytes).toBeLessThan(200 * 1024);
  }, 900_000);

  it('keeps a tool-using agent alive across many tasks under a small output budget', async () => {
    h = await createHarness();
    const agentId = await h.agent('cortex', undefined, { maxOutputSizeBytes: 64 * 1024 });
    for (let i = 0; i < 40; i++) {
      const r = await h.executor.executeTask(agentId, {
        taskId: `tools-${i}`,
        objective: 'x',
        boundaries: { scope: ['x'] },
        context: { text: `memory ${i} ${'m'.repeat(4000)}`, query: `memory` },
      });
      expect(r.toolCalls).toBe(2);
    }
    expect(h.pm.get(agentId)?.state).toBe('idle');
  }, 120_000);

  it('fails a task sent to an agent stopped for its output limit with that reason, not AGENT_NOT_FOUND', async () => {
    h = await createHarness();
    const agentId = await h.agent('flood', undefined, { maxOutputSizeBytes: 512 * 1024 });
    await rejectionOf(h.executor.executeTask(agentId, task('flood-1')));
    await h.pm.getHandle(agentId)?.exited;
    const err = await rejectionOf(h.executor.executeTask(agentId, task('flood-2')));
    expect(err.code).toBe('RESOURCE_LIMIT_EXCEEDED');
    expect(err.data).toMatchObject({ limit: 'output', max: 512 * 1024, agentId, taskId: 'flood-2', notRun: true });
    expect(err.message).toContain('was stopped earlier because it exceeded its output limit');
  });

  it('fails a task sent to a crashed agent with the crash, and one sent to a terminated agent naming the state', async () => {
    h = await createHarness();
    const crashed = await h.agent('crash');
    await rejectionOf(h.executor.executeTask(crashed, task('crash-1')));
    await h.pm.getHandle(crashed)?.exited;
    const err = await rejectionOf(h.executor.executeTask(crashed, task('crash-2')));
    expect(err.code).toBe('AGENT_CRASHED');
    expect(err.data).toMatchObject({ stoppedBecause: 'AGENT_CRASHED', notRun: true });
    const stopped = await h.agent('noop');
    await h.pm.terminate(stopped);
    const gone = await rejectionOf(h.executor.executeTask(stopped, task('term-1')));
    expect(gone.code).toBe('AGENT_NOT_FOUND');
    expect(gone.message).toContain('is terminated');
  });
});
