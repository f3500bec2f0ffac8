import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutorEvent } from '../../src/executor/events.js';
import { createHarness, rejectionOf, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const holdTask = (taskId: string, ms = 60_000, extra: Record<string, unknown> = {}) => ({
  taskId,
  objective: taskId,
  boundaries: { scope: ['x'], ...extra },
  context: { ms },
});

/** Resolves once `n` events of `type` arrived (counting those already seen). */
function waitForEvents(harness: Harness, type: ExecutorEvent['type'], n: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => harness.events.filter((e) => e.type === type).length >= n;
    if (check()) return resolve();
    const off = harness.executor.subscribe(() => {
      if (!check()) return;
      off();
      resolve();
    });
  });
}

describe('AgentExecutor with concurrent agents', () => {
  it('runs up to the concurrency an agent announced at once, and refuses one more with AGENT_BUSY', async () => {
    h = await createHarness();
    const id = await h.concurrentAgent('hold', 4);
    expect(h.pm.getHandle(id)?.concurrency).toBe(4);
    expect(h.executor.freeSlots(id)).toBe(4);
    const controller = new AbortController();
    const runs = ['a', 'b', 'c', 'd'].map((t) =>
      h!.executor.executeTask(id, holdTask(t), { signal: controller.signal }).catch((e: { code: string }) => e.code),
    );
    // Claims are synchronous: the slots are taken before any task reached the agent.
    expect(h.executor.freeSlots(id)).toBe(0);
    expect(h.pm.get(id)?.state).toBe('busy');
    const busy = await rejectionOf(h.executor.executeTask(id, holdTask('e')));
    expect(busy.code).toBe('AGENT_BUSY');
    expect(busy.data).toMatchObject({ running: 4, concurrency: 4 });
    await waitForEvents(h, 'task-checkpoint', 4);
    expect(h.executor.runningTasks().get(id)).toEqual(['a', 'b', 'c', 'd']);
    controller.abort(new Error('done looking'));
    expect(await Promise.all(runs)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(h.pm.get(id)?.state).toBe('idle');
    expect(h.executor.freeSlots(id)).toBe(4);
  });

  it('keeps deadline, cancellation, tool budget and checkpoints per task on one agent', async () => {
    h = await createHarness({ cancelGracePeriod: 2_000 });
    const id = await h.concurrentAgent('hold', 3);
    const pid = h.pm.getHandle(id)!.pid;
    // A first task starts the agent's MCP servers, so the 300 ms deadline below is spent on the agent.
    await h.executor.executeTask(id, holdTask('warm', 1));
    const controller = new AbortController();
    const quick = h.executor.executeTask(id, holdTask('quick', 50));
    const late = rejectionOf(h.executor.executeTask(id, holdTask('late', 60_000, { timeout: 300 })));
    const dropped = rejectionOf(h.executor.executeTask(id, holdTask('dropped'), { signal: controller.signal }));
    await waitForEvents(h, 'task-checkpoint', 4);
    controller.abort(new Error('not needed'));

    expect((await quick).output).toBe('quick');
    expect((await late).code).toBe('TIMEOUT');
    expect((await dropped).code).toBe('CANCELLED');
    // The agent answered each cancel itself: it was kept, and is Idle with every slot free.
    expect(h.pm.getHandle(id)?.pid).toBe(pid);
    expect(h.pm.get(id)?.state).toBe('idle');
    expect(h.executor.freeSlots(id)).toBe(3);
    // Unfinished tasks keep their own last checkpoint for a retry; the finished one's is dropped.
    expect(h.executor.getCheckpoint('late')).toEqual({ held: 'late' });
    expect(h.executor.getCheckpoint('dropped')).toEqual({ held: 'dropped' });
    expect(h.executor.getCheckpoint('quick')).toBeUndefined();
  });

  it('counts each task against its own tool budget while they run at once', async () => {
    h = await createHarness({ auditFile: true });
    const id = await h.concurrentAgent('greedy', 2);
    const task = (taskId: string, maxToolCalls: number) => ({
      taskId,
      objective: taskId,
      boundaries: { scope: ['x'], maxToolCalls },
      context: { calls: 3, tool: 'cortex_search', args: { query: 'x' } },
    });
    const [a, b] = await Promise.all([
      h.executor.executeTask(id, task('one', 1)),
      h.executor.executeTask(id, task('two', 2)),
    ]);
    expect(a.output).toEqual(['ok', 'TOOL_BUDGET_EXCEEDED', 'TOOL_BUDGET_EXCEEDED']);
    expect(b.output).toEqual(['ok', 'ok', 'TOOL_BUDGET_EXCEEDED']);
    const calls = h.events.filter((e) => e.type === 'tool-call');
    expect(calls.filter((e) => e.type === 'tool-call' && e.taskId === 'one')).toHaveLength(3);
    expect(calls.filter((e) => e.type === 'tool-call' && e.taskId === 'two')).toHaveLength(3);
  });

  it('fails every task that was on an agent killed mid-way with AGENT_CRASHED, each keeping its checkpoint', async () => {
    h = await createHarness();
    const id = await h.concurrentAgent('hold', 8);
    const ids = Array.from({ length: 6 }, (_, i) => `inflight-${i}`);
    const runs = ids.map((t) => rejectionOf(h!.executor.executeTask(id, holdTask(t))));
    await waitForEvents(h, 'task-checkpoint', ids.length);
    process.kill(h.pm.getHandle(id)!.pid, 'SIGKILL');

    const errors = await Promise.all(runs);
    expect(errors.map((e) => e.code)).toEqual(ids.map(() => 'AGENT_CRASHED'));
    expect(errors.map((e) => e.data?.signal)).toEqual(ids.map(() => 'SIGKILL'));
    for (const t of ids) expect(h.executor.getCheckpoint(t)).toEqual({ held: t });
    expect(h.executor.freeSlots(id)).toBe(0);
    expect(h.executor.runningTasks().size).toBe(0);
  });

  it('refuses to start an agent that announces a concurrency out of 1..1024, naming the field', async () => {
    h = await createHarness();
    const script = fileURLToPath(new URL('../fixtures/announce-concurrency.mjs', import.meta.url));
    for (const bad of ['0', '5000', '2.5', '"many"']) {
      const e = await rejectionOf(
        h.pm.spawn({ name: 'announcer', type: 'announcer', command: process.execPath, args: [script, bad] }),
      );
      expect(e.code).toBe('SPAWN_FAILED');
      expect(e.message).toMatch(/concurrency/);
    }
  });

  it('executeTasksParallel puts up to an agent’s concurrency on it at once', async () => {
    h = await createHarness();
    const id = await h.concurrentAgent('hold', 4);
    let running = 0;
    let high = 0;
    h.executor.subscribe((e) => {
      if (e.type === 'task-started') high = Math.max(high, ++running);
      else if (e.type === 'task-completed' || e.type === 'task-failed') running--;
    });
    const settled = await h.executor.executeTasksParallel(
      Array.from({ length: 10 }, (_, i) => ({ agentId: id, delegation: holdTask(`p${i}`, 40) })),
      16,
    );
    expect(settled.every((s) => s.status === 'fulfilled')).toBe(true);
    expect(high).toBe(4);
  });
});
