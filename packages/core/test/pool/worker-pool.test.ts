import { afterEach, describe, expect, it } from 'vitest';
import { NODE, agentArgs, cleanup, makeRuntime, record, task, until } from '../support/runtime.js';

afterEach(cleanup);

describe('WorkerPool (through AgentRuntime)', () => {
  it('runs a task on an agent whose capabilities cover the required ones', async () => {
    const rt = makeRuntime();
    rt.registerAgentType('reviewer', {
      command: NODE,
      args: agentArgs(['CodeReview']),
      capabilities: ['CodeReview'],
      max: 1,
    });
    rt.registerAgentType('tester', { command: NODE, args: agentArgs(['Testing']), capabilities: ['Testing'], max: 1 });
    await rt.start();
    const r = await rt.submit(task({ action: 'whoami' }, { requiredCapabilities: ['Testing'] }));
    expect(rt.getAgent(r.workerId)).toMatchObject({ type: 'tester', pooled: true });
    const r2 = await rt.submit(task({ action: 'whoami' }, { requiredCapabilities: ['CodeReview'] }));
    expect(rt.getAgent(r2.workerId)!.type).toBe('reviewer');
  });

  it('picks a free agent already running rather than spawning, and prefers spawned agents by capability', async () => {
    const rt = makeRuntime();
    await rt.start();
    const manual = await rt.spawnAgent('manual', 'manual', NODE, agentArgs(['Research']));
    const r = await rt.submit(task({ action: 'whoami' }, { requiredCapabilities: ['Research'] }));
    expect(r.workerId).toBe(manual);
  });

  it('fails at once with NO_CAPABLE_AGENT when nothing can serve the capabilities', async () => {
    const rt = makeRuntime();
    rt.registerAgentType('reviewer', { command: NODE, args: agentArgs(['CodeReview']), capabilities: ['CodeReview'] });
    await rt.start();
    await expect(rt.submit(task({ action: 'noop' }, { requiredCapabilities: ['Quantum'] }))).rejects.toMatchObject({
      code: 'NO_CAPABLE_AGENT',
    });
  });

  it('rejects an invalid delegation and an invalid agent type naming the field', async () => {
    const rt = makeRuntime();
    await rt.start();
    await expect(rt.submit({ objective: '', boundaries: { scope: ['x'] } })).rejects.toMatchObject({
      code: 'INVALID_DELEGATION',
    });
    expect(() => rt.registerAgentType('bad', { command: NODE, minIdle: 3, max: 2 })).toThrowError(/minIdle/);
  });

  it('serves queued tasks by priority, FIFO among equals', async () => {
    const rt = makeRuntime();
    rt.registerAgentType('solo', { command: NODE, args: agentArgs(['Solo']), capabilities: ['Solo'], max: 1 });
    await rt.start();
    const order: string[] = [];
    rt.subscribe({ type: 'task.started' }, (e) => order.push((e as { taskId: string }).taskId));
    const need = { requiredCapabilities: ['Solo'] };
    const blocker = rt.submit(task({ action: 'sleep', ms: 600 }, { ...need, taskId: 'blocker' }));
    await until(() => order.length === 1, 10_000, 'the blocker to start');
    const rest = [
      rt.submit(task({ action: 'noop' }, { ...need, taskId: 'low', priority: 1 })),
      rt.submit(task({ action: 'noop' }, { ...need, taskId: 'high-a', priority: 9 })),
      rt.submit(task({ action: 'noop' }, { ...need, taskId: 'mid', priority: 5 })),
      rt.submit(task({ action: 'noop' }, { ...need, taskId: 'high-b', priority: 9 })),
    ];
    expect(rt.getStatistics().queuedTasks).toBe(4);
    await Promise.all([blocker, ...rest]);
    expect(order).toEqual(['blocker', 'high-a', 'high-b', 'mid', 'low']);
  });

  it('gives a freed agent the oldest task it covers, past older tasks only a busy agent can serve', async () => {
    const rt = makeRuntime();
    await rt.start();
    const x = await rt.spawnAgent('x', 'x', NODE, agentArgs(['X']));
    const y = await rt.spawnAgent('y', 'y', NODE, agentArgs(['Y']));
    const started: string[] = [];
    rt.subscribe({ type: 'task.started' }, (e) => started.push((e as { taskId: string }).taskId));
    const hold = new AbortController();
    const heldX = rt
      .submit(task({ action: 'sleep', ms: 60_000 }, { taskId: 'hold-x', requiredCapabilities: ['X'] }), {
        signal: hold.signal,
      })
      .catch((e: unknown) => e);
    const busyY = rt.submit(task({ action: 'sleep', ms: 300 }, { taskId: 'busy-y', requiredCapabilities: ['Y'] }));
    await until(() => started.length === 2, 10_000, 'both agents to be busy');
    const ran = (taskId: string, need: string) =>
      rt.submit(task({ action: 'whoami' }, { taskId, requiredCapabilities: [need] })).then((r) => r.workerId);
    const queued = [ran('x-1', 'X'), ran('y-1', 'Y'), ran('x-2', 'X'), ran('y-2', 'Y')];
    expect(rt.getStatistics().queuedTasks).toBe(4);
    await busyY;
    expect(await queued[1]).toBe(y);
    expect(await queued[3]).toBe(y);
    expect(started).toEqual(['hold-x', 'busy-y', 'y-1', 'y-2']);
    hold.abort();
    expect(await heldX).toMatchObject({ code: 'CANCELLED' });
    expect(await Promise.all([queued[0], queued[2]])).toEqual([x, x]);
    expect(started.slice(4)).toEqual(['x-1', 'x-2']);
  });

  it('grows a type up to its max, never beyond', async () => {
    const rt = makeRuntime();
    rt.registerAgentType('grow', { command: NODE, args: agentArgs(['Grow']), capabilities: ['Grow'], max: 3 });
    await rt.start();
    let running = 0;
    let highWater = 0;
    rt.subscribe({ type: ['task.started', 'task.completed'] }, (e) => {
      running += e.type === 'task.started' ? 1 : -1;
      highWater = Math.max(highWater, running);
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        rt.submit(task({ action: 'sleep', ms: 700, label: `g${i}` }, { requiredCapabilities: ['Grow'] })),
      ),
    );
    expect(new Set(results.map((r) => r.workerId)).size).toBe(3);
    expect(rt.listAgents().filter((a) => a.type === 'grow')).toHaveLength(3);
    expect(highWater).toBe(3);
  });

  it("respects maxConcurrentProcesses over a type's max", async () => {
    const rt = makeRuntime({ process: { maxConcurrentProcesses: 2 } });
    rt.registerAgentType('wide', { command: NODE, args: agentArgs(['Wide']), capabilities: ['Wide'], max: 5 });
    await rt.start();
    await Promise.all(
      Array.from({ length: 4 }, () =>
        rt.submit(task({ action: 'sleep', ms: 300 }, { requiredCapabilities: ['Wide'] })),
      ),
    );
    expect(rt.getStatistics().totalAgentsSpawned).toBe(2);
  });

  it('keeps minIdle warm agents ready before any task', async () => {
    const rt = makeRuntime();
    rt.registerAgentType('warm', {
      command: NODE,
      args: agentArgs(['Warm']),
      capabilities: ['Warm'],
      minIdle: 2,
      max: 4,
    });
    await rt.start();
    await until(
      () => rt.listAgents().filter((a) => a.type === 'warm' && ['ready', 'idle'].includes(a.status)).length === 2,
      15_000,
      'two warm agents',
    );
    const spawnedBefore = rt.getStatistics().totalAgentsSpawned;
    const r = await rt.submit(task({ action: 'noop' }, { requiredCapabilities: ['Warm'] }));
    expect(r.attempt).toBe(1);
    expect(rt.listAgents().map((a) => a.id)).toContain(r.workerId);
    expect(spawnedBefore).toBe(2);
    // One was busy for a moment, so the pool tops the idle count back up to minIdle (within max).
    await until(
      () => rt.listAgents().filter((a) => a.type === 'warm' && ['ready', 'idle'].includes(a.status)).length >= 2,
      15_000,
      'warm agents again',
    );
  });

  it('opens a breaker after failureThreshold consecutive failures of a type and fails queued work fast', async () => {
    const rt = makeRuntime({ recovery: { failureThreshold: 2, breakerCooldown: 60_000 } });
    rt.registerAgentType('flaky', { command: NODE, args: agentArgs(['Flaky']), capabilities: ['Flaky'], max: 1 });
    await rt.start();
    const events = record(rt);
    const need = { requiredCapabilities: ['Flaky'] };
    await expect(rt.submit(task({ action: 'fail' }, need))).rejects.toMatchObject({ code: 'TASK_FAILED' });
    await expect(rt.submit(task({ action: 'fail' }, need))).rejects.toMatchObject({ code: 'TASK_FAILED' });
    expect(events.find((e) => e.type === 'recovery.breaker-opened')).toMatchObject({ agentType: 'flaky', failures: 2 });
    await expect(rt.submit(task({ action: 'noop' }, need))).rejects.toMatchObject({
      code: 'BREAKER_OPEN',
      data: { agentTypes: ['flaky'] },
    });
    expect(rt.getStatistics().breakers).toEqual({ flaky: 'open' });
  });

  it('while a half-open type runs its one trial, gives tasks to another type that covers them', async () => {
    const rt = makeRuntime({ recovery: { failureThreshold: 1, breakerCooldown: 300 } });
    await rt.start();
    const flaky = [
      await rt.spawnAgent('f1', 'flaky', NODE, agentArgs(['Work'])),
      await rt.spawnAgent('f2', 'flaky', NODE, agentArgs(['Work'])),
    ];
    const steady = await rt.spawnAgent('s1', 'steady', NODE, agentArgs(['Work']));
    // The steady agent has run more tasks, so the pool prefers the flaky ones (fewest tasks run first).
    for (let i = 0; i < 3; i++) await rt.executeTask(steady, task({ action: 'noop' }));
    const need = { requiredCapabilities: ['Work'] };
    const failed = await rt.submit(task({ action: 'fail' }, need), { retry: { maxAttempts: 1 } }).catch((e) => e);
    expect(failed).toMatchObject({ code: 'TASK_FAILED', data: { agentId: expect.stringMatching(/./) } });
    expect(flaky).toContain(failed.data.agentId);
    await until(() => rt.getStatistics().breakers.flaky === 'half-open', 10_000, 'the breaker to go half-open');
    const stop = new AbortController();
    const trial = rt
      .submit(task({ action: 'sleep', ms: 60_000 }, { ...need, taskId: 'trial' }), { signal: stop.signal })
      .catch((e: unknown) => e);
    await until(() => rt.listAgents().some((a) => a.status === 'busy'), 10_000, 'the trial to start');
    const next = await rt.submit(task({ action: 'whoami' }, need));
    expect(next.workerId).toBe(steady);
    expect(flaky).toContain(rt.listAgents().find((a) => a.status === 'busy')!.id);
    stop.abort();
    expect(await trial).toMatchObject({ code: 'CANCELLED' });
  });

  it('cancels a queued task on its AbortSignal', async () => {
    const rt = makeRuntime();
    rt.registerAgentType('one', { command: NODE, args: agentArgs(['One']), capabilities: ['One'], max: 1 });
    await rt.start();
    const need = { requiredCapabilities: ['One'] };
    const busy = rt.submit(task({ action: 'sleep', ms: 800 }, need));
    const ac = new AbortController();
    const queued = rt.submit(task({ action: 'noop' }, { ...need, taskId: 'to-cancel' }), { signal: ac.signal });
    ac.abort();
    await expect(queued).rejects.toMatchObject({ code: 'CANCELLED' });
    await busy;
  });

  it('hands a queued task to an agent as soon as a direct executeTask on it ends', async () => {
    const rt = makeRuntime();
    await rt.start();
    const id = await rt.spawnAgent('solo', 'solo', NODE, agentArgs(['Solo']));
    const direct = rt.executeTask(id, task({ action: 'sleep', ms: 400 }));
    await until(() => rt.getAgent(id)?.status === 'busy', 5_000, 'the direct task to start');
    const queued = rt.submit(task({ action: 'whoami' }, { requiredCapabilities: ['Solo'] }));
    await direct;
    expect((await queued).workerId).toBe(id);
  });

  it('grows a type again after one of its agents was terminated while tasks waited', async () => {
    const rt = makeRuntime();
    rt.registerAgentType('single', { command: NODE, args: agentArgs(['Single']), capabilities: ['Single'], max: 1 });
    await rt.start();
    const need = { requiredCapabilities: ['Single'] };
    const first = rt.submit(task({ action: 'sleep', ms: 2_000 }, need)).catch(() => undefined);
    await until(() => rt.listAgents().some((a) => a.status === 'busy'), 10_000, 'the first task to start');
    const waiting = rt.submit(task({ action: 'whoami' }, need));
    const victim = rt.listAgents()[0]!.id;
    await rt.terminateAgent(victim);
    const r = await waiting;
    expect(r.workerId).not.toBe(victim);
    expect(rt.getAgent(r.workerId)).toMatchObject({ type: 'single', pooled: true });
    await first;
  });
});
