import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRuntime } from '../../src/runtime/agent-runtime.js';
import type { RuntimeEvent } from '../../src/bus/events.js';
import { NODE, agentArgs, cleanup, makeRuntime, record, task } from '../support/runtime.js';

afterEach(cleanup);

/** Resolves once `n` bus events of `type` were published after this call. */
function countEvents(rt: AgentRuntime, type: RuntimeEvent['type'], n: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const off = rt.subscribe({ type }, () => {
      if (++seen < n) return;
      off();
      resolve();
    });
  });
}

describe('WorkerPool with concurrent agents', () => {
  it('dispatches up to each agent’s concurrency at once, spread over the agents, without spawning more', async () => {
    const rt = makeRuntime();
    rt.registerAgentType('multi', {
      command: NODE,
      args: [...agentArgs(['Multi']), '4'],
      capabilities: ['Multi'],
      max: 2,
      minIdle: 2,
    });
    await rt.start();
    let running = 0;
    let high = 0;
    rt.subscribe({ type: ['task.started', 'task.completed'] }, (e) => {
      running += e.type === 'task.started' ? 1 : -1;
      high = Math.max(high, running);
    });
    const allStarted = countEvents(rt, 'task.started', 8);
    const results = Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        rt.submit(task({ action: 'sleep', ms: 800, label: `m${i}` }, { requiredCapabilities: ['Multi'] })),
      ),
    );
    await allStarted;
    // Busy means "runs at least one task"; a busy agent with a free slot still takes work.
    expect(rt.listAgents().map((a) => a.status)).toEqual(['busy', 'busy']);
    const done = await results;
    expect(high).toBe(8);
    const perAgent = new Map<string, number>();
    for (const r of done) perAgent.set(r.workerId, (perAgent.get(r.workerId) ?? 0) + 1);
    expect([...perAgent.values()]).toEqual([4, 4]);
    expect(rt.getStatistics().totalAgentsSpawned).toBe(2);
  });

  it('retries every task that was on an agent killed mid-way, each from its own checkpoint', async () => {
    const rt = makeRuntime({ recovery: { taskMaxAttempts: 2 } });
    rt.registerAgentType('multi', {
      command: NODE,
      args: [...agentArgs(['Multi']), '8'],
      capabilities: ['Multi'],
      max: 2,
      minIdle: 2,
    });
    await rt.start();
    const checkpoints = countEvents(rt, 'task.checkpoint', 6);
    const results = Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        rt.submit(task({ action: 'hold-once' }, { taskId: `held-${i}`, requiredCapabilities: ['Multi'] })),
      ),
    );
    await checkpoints;
    const running = rt.executor.runningTasks();
    const [victim, onVictim] = [...running.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(onVictim.length).toBeGreaterThanOrEqual(3);
    const retrying = new Set<string>();
    rt.subscribe({ type: 'task.retrying' }, (e) => void (e.type === 'task.retrying' && retrying.add(e.taskId)));
    process.kill(rt.processManager.getHandle(victim)!.pid, 'SIGKILL');

    const done = await results;
    expect([...retrying].sort()).toEqual([...onVictim].sort());
    for (const r of done) {
      const taskId = r.task.taskId;
      const output = r.output as { attempt: number; resumedFrom?: { taskId: string; by: string } };
      if (onVictim.includes(taskId)) {
        expect(output.attempt).toBe(2);
        expect(output.resumedFrom).toEqual({ taskId, by: victim });
      }
    }
  });

  it('binds tasks to the agent process: a restarted agent (same id) runs the retries and new work, none failed by the old process', async () => {
    const rt = makeRuntime({ recovery: { taskMaxAttempts: 2, restartBackoffBase: 20 } });
    rt.registerAgentType('single', {
      command: NODE,
      args: [...agentArgs(['Single']), '3'],
      capabilities: ['Single'],
      max: 1,
      minIdle: 1,
    });
    await rt.start();
    const events = record(rt);
    const checkpoints = countEvents(rt, 'task.checkpoint', 2);
    const held = ['held-a', 'held-b'].map((taskId) =>
      rt.submit(task({ action: 'hold-once' }, { taskId, requiredCapabilities: ['Single'] })),
    );
    await checkpoints;
    const running = [...rt.executor.runningTasks().entries()];
    expect(running).toHaveLength(1);
    const [id, onIt] = running[0]!;
    expect([...onIt].sort()).toEqual(['held-a', 'held-b']);
    const oldPid = rt.processManager.getHandle(id)!.pid;
    const restarted = countEvents(rt, 'recovery.restarted', 1);
    process.kill(oldPid, 'SIGKILL');
    await restarted;
    // The same agent id, a new process: it takes the retries and new tasks (the old process's end is not theirs).
    expect(rt.processManager.getHandle(id)!.pid).not.toBe(oldPid);
    const fresh = ['fresh-a', 'fresh-b'].map((taskId) =>
      rt.submit(task({ action: 'sleep', ms: 200 }, { taskId, requiredCapabilities: ['Single'] })),
    );
    const done = await Promise.all([...held, ...fresh]);
    expect(done.map((r) => [r.task.taskId, r.workerId, r.attempt])).toEqual([
      ['held-a', id, 2],
      ['held-b', id, 2],
      ['fresh-a', id, 1],
      ['fresh-b', id, 1],
    ]);
    const failed = events.filter((e) => e.type === 'task.failed');
    expect(failed.map((e) => e.type === 'task.failed' && [e.taskId, e.attempt, e.code]).sort()).toEqual([
      ['held-a', 1, 'AGENT_CRASHED'],
      ['held-b', 1, 'AGENT_CRASHED'],
    ]);
    expect(rt.executor.freeSlots(id)).toBe(3);
    expect(rt.processManager.get(id)?.state).toBe('idle');
  });
});
