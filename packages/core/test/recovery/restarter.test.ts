import { afterEach, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/bus/events.js';
import { NODE, agentArgs, cleanup, makeRuntime, record, task, until } from '../support/runtime.js';

afterEach(cleanup);

const of = <T extends RuntimeEvent['type']>(events: RuntimeEvent[], type: T) =>
  events.filter((e): e is Extract<RuntimeEvent, { type: T }> => e.type === type);

describe('Restarter and task retries (through AgentRuntime)', () => {
  it('restarts a SIGKILLed agent with exponential backoff, then gives up after maxRestartAttempts', async () => {
    const rt = makeRuntime({ recovery: { restartBackoffBase: 200, maxRestartAttempts: 2 } });
    await rt.start();
    const events = record(rt);
    const id = await rt.spawnAgent('victim', 'victim', NODE, agentArgs());
    const kill = () => process.kill(rt.processManager.get(id)!.pid, 'SIGKILL');
    const hostPid = () => rt.processManager.get(id)?.groupPid;

    const pid0 = hostPid();
    kill();
    await until(() => of(events, 'recovery.restarted').length === 1, 15_000, 'first restart');
    const pid1 = hostPid();
    expect(pid1).not.toBe(pid0);
    expect((await rt.executeTask(id, task({ action: 'whoami' }))).output).toMatchObject({ agentId: id });

    // A successful task resets the count; fail twice in a row without one in between.
    kill();
    await until(() => of(events, 'recovery.restarted').length === 2, 15_000, 'second restart');
    kill();
    await until(() => of(events, 'recovery.restarted').length === 3, 15_000, 'third restart');
    kill();
    await until(() => of(events, 'recovery.gave-up').length === 1, 15_000, 'give up');

    const delays = of(events, 'recovery.restart-scheduled').map((e) => [e.attempt, e.delayMs]);
    expect(delays.map(([a]) => a)).toEqual([1, 1, 2]);
    for (const [attempt, delay] of delays) {
      const base = 200 * 2 ** (attempt! - 1);
      expect(delay).toBeGreaterThanOrEqual(base * 0.8);
      expect(delay).toBeLessThanOrEqual(base * 1.2);
    }
    const gaveUp = of(events, 'recovery.gave-up')[0]!;
    expect(gaveUp).toMatchObject({ agentId: id, attempts: 2 });
    expect(gaveUp.reason).toContain('maxRestartAttempts 2');
    expect(rt.getAgent(id)).toMatchObject({ status: 'failed', lastFailure: { code: 'AGENT_CRASHED' } });
    expect(of(events, 'health.agent-failed').length).toBeGreaterThanOrEqual(4);
    expect(rt.getStatistics().totalRestarts).toBe(3);
  });

  it('does not restart when auto-restart is off for the agent', async () => {
    const rt = makeRuntime({ recovery: { restartBackoffBase: 50 } });
    await rt.start();
    const events = record(rt);
    const id = await rt.spawnAgent('once', 'once', NODE, agentArgs(), { autoRestart: false });
    process.kill(rt.processManager.get(id)!.pid, 'SIGKILL');
    await until(() => of(events, 'recovery.gave-up').length === 1, 10_000, 'give up');
    expect(of(events, 'recovery.gave-up')[0]!.reason).toContain('auto-restart is off');
    expect(of(events, 'recovery.restart-scheduled')).toHaveLength(0);
  });

  it('retries a task whose agent crashed on a healthy agent, resuming from its last checkpoint', async () => {
    const rt = makeRuntime({ recovery: { restartBackoffBase: 100, taskMaxAttempts: 2 } });
    rt.registerAgentType('resumer', { command: NODE, args: agentArgs(['Resume']), capabilities: ['Resume'], max: 2 });
    await rt.start();
    const events = record(rt);
    const result = await rt.submit(
      task({ action: 'crash-once' }, { taskId: 'resume-me', requiredCapabilities: ['Resume'] }),
    );
    expect(result.attempt).toBe(2);
    const output = result.output as { attempt: number; resumedFrom: { step: number; by: string } };
    expect(output.attempt).toBe(2);
    expect(output.resumedFrom.step).toBe(3);
    const failed = of(events, 'task.failed').filter((e) => e.taskId === 'resume-me');
    expect(failed).toEqual([expect.objectContaining({ code: 'AGENT_CRASHED', attempt: 1, willRetry: true })]);
    expect(of(events, 'task.retrying')).toEqual([
      expect.objectContaining({ taskId: 'resume-me', attempt: 2, fromCheckpoint: true }),
    ]);
  });

  it('does not retry codes outside the retry policy', async () => {
    const rt = makeRuntime();
    rt.registerAgentType('f', { command: NODE, args: agentArgs(['F']), capabilities: ['F'], max: 1 });
    await rt.start();
    const events = record(rt);
    await expect(
      rt.submit(task({ action: 'fail' }, { requiredCapabilities: ['F'] }), { retry: { maxAttempts: 5 } }),
    ).rejects.toMatchObject({ code: 'TASK_FAILED' });
    expect(of(events, 'task.retrying')).toHaveLength(0);
  });
});
