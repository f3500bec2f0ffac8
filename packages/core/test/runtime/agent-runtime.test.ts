import { afterEach, describe, expect, it } from 'vitest';
import { listDescendants } from '../../../../tools/vitest/descendants.js';
import { AgentRuntime } from '../../src/runtime/agent-runtime.js';
import { NODE, agentArgs, cleanup, makeRuntime, record, task } from '../support/runtime.js';

afterEach(cleanup);

describe('AgentRuntime', () => {
  describe('guards', () => {
    it('refuses work before start() with NOT_STARTED', async () => {
      const rt = makeRuntime();
      await expect(rt.spawnAgent('a', 't', NODE, agentArgs())).rejects.toMatchObject({ code: 'NOT_STARTED' });
      await expect(rt.submit(task({ action: 'noop' }))).rejects.toMatchObject({ code: 'NOT_STARTED' });
      await expect(rt.executeTask('x', task({ action: 'noop' }))).rejects.toMatchObject({ code: 'NOT_STARTED' });
    });

    it('starts once however often start() is called, and reports isolation', async () => {
      const rt = makeRuntime();
      const events = record(rt);
      const [a, b] = await Promise.all([rt.start(), rt.start()]);
      expect(a).toBe(b);
      expect(await rt.start()).toBe(a);
      expect(events.filter((e) => e.type === 'runtime.started')).toHaveLength(1);
      expect(rt.state).toBe('running');
    });

    it('refuses work with SHUTTING_DOWN during and after shutdown, and shuts down once', async () => {
      const rt = makeRuntime();
      await rt.start();
      const first = rt.shutdown();
      await expect(rt.spawnAgent('a', 't', NODE, agentArgs())).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
      await expect(rt.submit(task({ action: 'noop' }))).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
      expect(rt.shutdown()).toBe(first);
      await first;
      expect(rt.state).toBe('stopped');
      await expect(rt.start()).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
    });

    it('rejects an invalid configuration with INVALID_CONFIG naming the field', () => {
      expect(() => new AgentRuntime({ monitoring: { healthCheckInterval: 'soon' } })).toThrowError(
        /monitoring\.healthCheckInterval/,
      );
    });
  });

  describe('spawn and execute', () => {
    it('spawns an agent, runs a task end to end and reports the agent', async () => {
      const rt = makeRuntime();
      await rt.start();
      const id = await rt.spawnAgent('worker-1', 'worker', NODE, agentArgs(['Echo']));
      const info = rt.getAgent(id)!;
      expect(info).toMatchObject({ name: 'worker-1', type: 'worker', capabilities: ['Echo'], pooled: false });
      expect(info.pid).toBeGreaterThan(0);
      expect(['ready', 'idle']).toContain(info.status);
      const result = await rt.executeTask(id, task({ action: 'whoami' }));
      expect(result.attempt).toBe(1);
      expect(result.output).toMatchObject({ agentId: id });
      expect(rt.getAgent(id)!.counters.tasksCompleted).toBe(1);
      expect(rt.listAgents().map((a) => a.id)).toEqual([id]);
      const stats = rt.getStatistics();
      expect(stats).toMatchObject({
        totalAgentsSpawned: 1,
        activeAgents: 1,
        totalTasksExecuted: 1,
        totalTasksFailed: 0,
        successRate: 1,
      });
      expect(stats.uptimeMs).toBeGreaterThan(0);
      expect(stats.executor.totalTasks).toBe(1);
      expect(stats.process.totalSpawned).toBe(1);
    });

    it('fails a task as a RuntimeError with the layer code and counts it', async () => {
      const rt = makeRuntime();
      await rt.start();
      const id = await rt.spawnAgent('w', 'worker', NODE, agentArgs());
      await expect(rt.executeTask(id, task({ action: 'fail' }))).rejects.toMatchObject({
        name: 'RuntimeError',
        code: 'TASK_FAILED',
        layer: 'executor',
      });
      await expect(rt.executeTask('nope', task({ action: 'noop' }))).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND' });
      await expect(rt.executeTask(id, { objective: 'x', boundaries: { scope: [] } })).rejects.toMatchObject({
        code: 'INVALID_DELEGATION',
      });
      expect(rt.getStatistics()).toMatchObject({ totalTasksFailed: 2, totalTasksExecuted: 2, successRate: 0 });
    });

    it('reports a missing command as SPAWN_FAILED', async () => {
      const rt = makeRuntime();
      await rt.start();
      await expect(rt.spawnAgent('x', 't', '/definitely/not/here')).rejects.toMatchObject({ code: 'SPAWN_FAILED' });
      expect(rt.listAgents()).toEqual([]);
    });

    it('runs tasks in parallel within maxParallel, results in input order', async () => {
      const rt = makeRuntime();
      await rt.start();
      const [a, b] = await Promise.all([
        rt.spawnAgent('a', 'w', NODE, agentArgs()),
        rt.spawnAgent('b', 'w', NODE, agentArgs()),
      ]);
      let running = 0;
      let highWater = 0;
      rt.subscribe({ type: ['task.started', 'task.completed'] }, (e) => {
        running += e.type === 'task.started' ? 1 : -1;
        highWater = Math.max(highWater, running);
      });
      const settled = await rt.executeTasksParallel(
        [a, b, a, b].map((agentId, i) => ({ agentId, delegation: task({ action: 'sleep', ms: 150, label: `t${i}` }) })),
        2,
      );
      expect(
        settled.map((s) => (s.status === 'fulfilled' ? (s.value.output as { label: string }).label : 'x')),
      ).toEqual(['t0', 't1', 't2', 't3']);
      expect(highWater).toBe(2);
    });

    it('terminates an agent and forgets it', async () => {
      const rt = makeRuntime();
      await rt.start();
      const id = await rt.spawnAgent('w', 'worker', NODE, agentArgs());
      const pid = rt.getAgent(id)!.pid;
      await rt.terminateAgent(id);
      expect(rt.getAgent(id)).toBeUndefined();
      expect(listDescendants().some((p) => p.pid === pid)).toBe(false);
      await expect(rt.terminateAgent(id)).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND' });
    });

    it('publishes the event sequence of one task', async () => {
      const rt = makeRuntime();
      rt.registerAgentType('seq', { command: NODE, args: agentArgs(['Seq']), capabilities: ['Seq'], max: 1 });
      await rt.start();
      const events = record(rt);
      const result = await rt.submit(task({ action: 'noop' }, { taskId: 'seq-task', requiredCapabilities: ['Seq'] }));
      const types = events.filter((e) => 'taskId' in e && e.taskId === 'seq-task').map((e) => e.type);
      expect(types).toEqual(['task.queued', 'task.started', 'task.completed']);
      const completed = events.find((e) => e.type === 'task.completed')!;
      expect(completed).toMatchObject({ agentId: result.workerId, attempt: 1 });
      const spawned = events.find((e) => e.type === 'agent.spawned')!;
      expect(spawned).toMatchObject({ agentType: 'seq' });
      const seqs = events.map((e) => e.seq);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    });
  });

  describe('shutdown', () => {
    it('drains tasks in flight, then leaves no process', async () => {
      const rt = makeRuntime();
      await rt.start();
      const ids = await Promise.all([
        rt.spawnAgent('a', 'w', NODE, agentArgs()),
        rt.spawnAgent('b', 'w', NODE, agentArgs()),
      ]);
      const started = ids.map((agentId) => rt.bus.waitFor({ type: 'task.started', agentId }, { timeout: 60_000 }));
      const running = ids.map((id, i) => rt.executeTask(id, task({ action: 'sleep', ms: 400, label: `drain-${i}` })));
      await Promise.all(started);
      const report = await rt.shutdown({ timeout: 10_000 });
      const results = await Promise.all(running);
      expect(results.map((r) => (r.output as { label: string }).label)).toEqual(['drain-0', 'drain-1']);
      expect(report).toMatchObject({ drained: 2, cancelled: 0 });
      expect(listDescendants()).toEqual([]);
    });

    it('cancels what is still running at the deadline and fails queued tasks', async () => {
      const rt = makeRuntime();
      rt.registerAgentType('slow', { command: NODE, args: agentArgs(['Slow']), capabilities: ['Slow'], max: 1 });
      await rt.start();
      const firstStarted = rt.bus.waitFor({ type: 'task.started' }, { timeout: 60_000 });
      const first = rt.submit(task({ action: 'sleep', ms: 30_000 }, { requiredCapabilities: ['Slow'] }));
      const queued = rt.submit(task({ action: 'noop' }, { requiredCapabilities: ['Slow'] }));
      first.catch(() => undefined);
      queued.catch(() => undefined);
      await firstStarted;
      const report = await rt.shutdown({ timeout: 300 });
      await expect(first).rejects.toMatchObject({ code: 'CANCELLED' });
      await expect(queued).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
      expect(report).toMatchObject({ cancelled: 1, rejectedQueued: 1 });
      expect(listDescendants()).toEqual([]);
    });
  });
});
