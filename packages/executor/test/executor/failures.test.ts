import { afterEach, describe, expect, it } from 'vitest';
import { listDescendants } from '../../../../tools/vitest/descendants.js';
import { createHarness, pidAlive, rejectionOf, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const task = (extra: Record<string, unknown> = {}) => ({ objective: 'x', boundaries: { scope: ['x'], ...extra } });

async function waitFor<T>(read: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = read();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('AgentExecutor failures', () => {
  it('times out a stuck agent, stops its whole process tree and fails with TIMEOUT', { timeout: 90_000 }, async () => {
    h = await createHarness({ cancelGracePeriod: 200, terminateGracePeriod: 200 });
    const agentId = await h.agent('stuck');
    const agentPid = h.pm.get(agentId)!.groupPid;
    const started = Date.now();
    // A deadline long enough for the grandchild to start on a loaded machine.
    const outcome = rejectionOf(h.executor.executeTask(agentId, task({ timeout: '10s' })));
    // The agent spawned a grandchild (found from outside: the agent may live in its own PID namespace).
    const grandchildren = await waitFor(() => {
      const found = listDescendants(agentPid).filter((p) => p.command.includes('setInterval'));
      return found.length > 0 ? found : undefined;
    });

    const err = await outcome;
    expect(err.code).toBe('TIMEOUT');
    expect(err.data?.['timeoutMs']).toBe(10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
    expect(h.pm.isAlive(agentId)).toBe(false);
    expect(pidAlive(agentPid)).toBe(false);
    for (const g of grandchildren) expect(pidAlive(g.pid)).toBe(false);
    const types = h.events.map((e) => e.type);
    expect(types).toContain('task-cancelling');
    expect(types).toContain('agent-stopped');
    expect(h.executor.getStatistics()).toMatchObject({ totalTasks: 1, failedTasks: 1, timedOutTasks: 1 });
  });

  it('caps the deadline at maxTaskDuration', async () => {
    h = await createHarness({ maxTaskDuration: 300, cancelGracePeriod: 100, terminateGracePeriod: 100 });
    const agentId = await h.agent('stuck');
    const err = await rejectionOf(h.executor.executeTask(agentId, task({ timeout: '1h' })));
    expect(err.code).toBe('TIMEOUT');
    expect(err.data?.['timeoutMs']).toBe(300);
  });

  it('fails at once with AGENT_CRASHED, exit code and stderr tail when the agent dies mid-task, keeping its checkpoint', async () => {
    h = await createHarness();
    const agentId = await h.agent('crash');
    const err = await rejectionOf(h.executor.executeTask(agentId, { ...task({ timeout: '30s' }), taskId: 'crashy' }));
    expect(err.code).toBe('AGENT_CRASHED'); // at the crash, not at the 30 s deadline (that would be TIMEOUT)
    expect(err.data?.['exitCode']).toBe(3);
    expect(err.data?.['stderrTail']).toContain('about to crash: simulated fault');
    expect(err.message).toContain(agentId);
    expect(h.executor.getCheckpoint('crashy')).toEqual({ step: 2, seen: 'crashy' });
  });

  it('cancels in-flight tool calls when the agent dies during one', async () => {
    h = await createHarness();
    const agentId = await h.agent('crash-in-tool');
    const err = await rejectionOf(h.executor.executeTask(agentId, task({ timeout: '30s' })));
    expect(err.code).toBe('AGENT_CRASHED');
    expect(err.data?.['signal']).toBe('SIGKILL');
  });

  it('cancels on an external AbortSignal with CANCELLED; a cooperative agent keeps its slot', async () => {
    h = await createHarness({ cancelGracePeriod: 2_000 });
    const agentId = await h.agent('cooperative');
    const ac = new AbortController();
    const outcome = rejectionOf(h.executor.executeTask(agentId, task({ timeout: '30s' }), { signal: ac.signal }));
    await waitFor(() => h!.events.find((e) => e.type === 'task-checkpoint'));
    ac.abort(new Error('user pressed stop'));
    const err = await outcome;
    expect(err.code).toBe('CANCELLED');
    expect(h.pm.isAlive(agentId)).toBe(true);
    expect(h.pm.get(agentId)?.state).toBe('idle');
  });

  it('stops an agent that ignores the cancel after the grace period', async () => {
    h = await createHarness({ cancelGracePeriod: 200, terminateGracePeriod: 200 });
    const agentId = await h.agent('stuck');
    const ac = new AbortController();
    const outcome = rejectionOf(h.executor.executeTask(agentId, task({ timeout: '30s' }), { signal: ac.signal }));
    await waitFor(() => h!.events.find((e) => e.type === 'task-checkpoint'));
    ac.abort();
    const err = await outcome;
    expect(err.code).toBe('CANCELLED');
    expect(h.pm.isAlive(agentId)).toBe(false);
  });

  it("stops even a cooperative agent after a cancel with stopAfterCancel: 'always'", async () => {
    h = await createHarness({ stopAfterCancel: 'always', terminateGracePeriod: 200 });
    const agentId = await h.agent('cooperative');
    const ac = new AbortController();
    const outcome = rejectionOf(h.executor.executeTask(agentId, task({ timeout: '30s' }), { signal: ac.signal }));
    await waitFor(() => h!.events.find((e) => e.type === 'task-checkpoint'));
    ac.abort();
    expect((await outcome).code).toBe('CANCELLED');
    expect(h.pm.isAlive(agentId)).toBe(false);
  });

  it('rejects an already-aborted signal without running the task', async () => {
    h = await createHarness();
    const agentId = await h.agent('noop');
    const err = await rejectionOf(h.executor.executeTask(agentId, task(), { signal: AbortSignal.abort() }));
    expect(err.code).toBe('CANCELLED');
    expect(h.pm.isAlive(agentId)).toBe(true);
  });

  it('rejects an unknown agent with AGENT_NOT_FOUND', async () => {
    h = await createHarness();
    const err = await rejectionOf(h.executor.executeTask('nobody', task()));
    expect(err.code).toBe('AGENT_NOT_FOUND');
    expect(err.message).toContain('nobody');
  });

  it('rejects a second task on a busy agent with AGENT_BUSY', async () => {
    h = await createHarness();
    const agentId = await h.agent('sleep');
    const first = h.executor.executeTask(agentId, { ...task(), context: { ms: 300 } });
    const err = await rejectionOf(h.executor.executeTask(agentId, task()));
    expect(err.code).toBe('AGENT_BUSY');
    await expect(first).resolves.toMatchObject({ attempt: 1 });
  });

  it('rejects a malformed delegation with INVALID_DELEGATION naming the field, before touching the agent', async () => {
    h = await createHarness();
    const agentId = await h.agent('noop');
    const err = await rejectionOf(
      h.executor.executeTask(agentId, { objective: 'x', boundaries: { scope: ['x'], maxToolCalls: -1 } }),
    );
    expect(err.code).toBe('INVALID_DELEGATION');
    expect(err.data?.['path']).toBe('boundaries.maxToolCalls');
    expect(err.message).toContain('boundaries.maxToolCalls');
    expect(h.pm.get(agentId)?.state).toBe('ready');
    expect(h.executor.getStatistics().totalTasks).toBe(0);
  });
});

describe('AgentExecutor in-flight tool calls', () => {
  it('aborts a tool call in flight when the agent dies', async () => {
    h = await createHarness({ slowServer: true });
    const agentId = await h.agent('crash-in-slow-tool');
    // The servers start before the task, so the call is in flight when the agent dies even on a loaded machine.
    expect((await h.pool.listTools(agentId)).tools.map((t) => t.name)).toContain('slow__wait');
    const err = await rejectionOf(h.executor.executeTask(agentId, task({ timeout: '60s' })));
    expect(err.code).toBe('AGENT_CRASHED');
    const call = await waitFor(() => h!.events.find((e) => e.type === 'tool-call'));
    // Cancelled, not left to run its 20 s wait.
    expect(call).toMatchObject({ tool: 'slow__wait', outcome: 'cancelled' });
  });

  it('aborts a tool call in flight at the deadline and fails with TIMEOUT', async () => {
    h = await createHarness({ slowServer: true, cancelGracePeriod: 300, terminateGracePeriod: 200 });
    const agentId = await h.agent('slow-tool');
    expect((await h.pool.listTools(agentId)).tools.map((t) => t.name)).toContain('slow__wait');
    const err = await rejectionOf(h.executor.executeTask(agentId, task({ timeout: '2s' })));
    expect(err.code).toBe('TIMEOUT');
    const call = await waitFor(() => h!.events.find((e) => e.type === 'tool-call'));
    expect(call).toMatchObject({ tool: 'slow__wait', outcome: 'cancelled' });
  });
});
