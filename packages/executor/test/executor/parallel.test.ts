import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sleepTask = (label: string, ms: number) => ({
  taskId: label,
  objective: label,
  boundaries: { scope: ['x'] },
  context: { ms, label },
});

describe('AgentExecutor.executeTasksParallel', () => {
  it('keeps at most maxParallel tasks running, never two on one agent, results in input order', async () => {
    h = await createHarness();
    const agents = await Promise.all([h.agent('sleep'), h.agent('sleep'), h.agent('sleep'), h.agent('sleep')]);
    let running = 0;
    let high = 0;
    const perAgent = new Map<string, number>();
    let clash = false;
    h.executor.subscribe((e) => {
      if (e.type === 'task-started') {
        running += 1;
        high = Math.max(high, running);
        const n = (perAgent.get(e.agentId) ?? 0) + 1;
        if (n > 1) clash = true;
        perAgent.set(e.agentId, n);
      } else if (e.type === 'task-completed' || e.type === 'task-failed') {
        running -= 1;
        const id = e.type === 'task-completed' ? e.result.workerId : e.agentId;
        perAgent.set(id, (perAgent.get(id) ?? 1) - 1);
      }
    });
    // Durations vary so that tasks finish out of input order.
    const tasks = Array.from({ length: 12 }, (_, i) => ({
      agentId: agents[i % 4]!,
      delegation: sleepTask(`t${i}`, [150, 20, 80][i % 3]!),
    }));
    const settled = await h.executor.executeTasksParallel(tasks, 3);

    expect(high).toBe(3);
    expect(clash).toBe(false);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value.output : 'rejected'))).toEqual(
      tasks.map((t) => t.delegation.taskId),
    );
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value.workerId : ''))).toEqual(tasks.map((t) => t.agentId));
  });

  it('settles failures in place and counts them in the statistics', async () => {
    h = await createHarness({ cancelGracePeriod: 100, terminateGracePeriod: 100 });
    const [a, b] = await Promise.all([h.agent('sleep'), h.agent('sleep')]);
    const settled = await h.executor.executeTasksParallel(
      [
        { agentId: a, delegation: sleepTask('ok-1', 10) },
        { agentId: b, delegation: { ...sleepTask('slow', 5_000), boundaries: { scope: ['x'], timeout: 300 } } },
        { agentId: 'missing', delegation: sleepTask('nowhere', 10) },
        { agentId: a, delegation: sleepTask('ok-2', 10) },
      ],
      2,
    );
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.code).toBe('TIMEOUT');
    expect((settled[2] as PromiseRejectedResult).reason.code).toBe('AGENT_NOT_FOUND');

    const stats = h.executor.getStatistics();
    // The task on a missing agent never reached an agent: it is not counted.
    expect(stats.totalTasks).toBe(3);
    expect(stats.successfulTasks).toBe(2);
    expect(stats.failedTasks).toBe(1);
    expect(stats.timedOutTasks).toBe(1);
    expect(stats.totalToolCalls).toBe(0);
    expect(stats.p95ExecutionTimeMs).toBeGreaterThanOrEqual(300);
    expect(stats.p50ExecutionTimeMs).toBeLessThanOrEqual(stats.p95ExecutionTimeMs);
    expect(stats.totalExecutionTimeMs).toBeCloseTo(stats.avgExecutionTimeMs * 3, 5);
  });

  it('rejects a maxParallel below 1', async () => {
    h = await createHarness();
    await expect(h.executor.executeTasksParallel([], 0)).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
  });
});
