import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import {
  InitializeResultSchema,
  isAgentError,
  isRpcError,
  JsonRpcPeer,
  MAX_AGENT_CONCURRENCY,
  runAgent,
  type InitializeResult,
  type TaskContext,
} from '../../src/index.js';

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** An in-process agent on PassThrough streams and the runtime's peer facing it. */
function wire(options: { concurrency?: number; execute: (task: { taskId: string }, ctx: TaskContext) => unknown }) {
  const toAgent = new PassThrough();
  const fromAgent = new PassThrough();
  const agent = runAgent({ capabilities: ['c'], input: toAgent, output: fromAgent, exitOnClose: false, ...options });
  const runtime = new JsonRpcPeer({ input: fromAgent, output: toAgent, name: 'runtime' });
  stops.push(() => {
    runtime.close();
    agent.stop();
  });
  const initialize = () =>
    runtime.request<InitializeResult>('initialize', {
      protocolVersion: '2026-11-01',
      agent: { id: 'a1', name: 'a', type: 't' },
      heartbeatIntervalMs: 0,
    });
  const execute = (taskId: string) =>
    runtime.request('task/execute', { task: { taskId, objective: taskId }, attempt: 1 }, { timeout: 0 });
  return { runtime, initialize, execute };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('runAgent concurrency', () => {
  it('announces its concurrency in initialize, and says nothing for the default of 1', async () => {
    expect((await wire({ concurrency: 3, execute: () => null }).initialize()).concurrency).toBe(3);
    expect(await wire({ execute: () => null }).initialize()).not.toHaveProperty('concurrency');
  });

  it('runs up to `concurrency` tasks at once and refuses one more, or a duplicate id, with AGENT_BUSY', async () => {
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const w = wire({
      concurrency: 3,
      execute: (task) =>
        new Promise<string>((resolve) => {
          started.push(task.taskId);
          release.set(task.taskId, () => resolve(task.taskId));
        }),
    });
    await w.initialize();
    const runs = ['a', 'b', 'c'].map((t) => w.execute(t));
    const fourth = await rejection(w.execute('d'));
    expect(isRpcError(fourth) && fourth.data).toMatchObject({ code: 'AGENT_BUSY', concurrency: 3 });
    expect(started).toEqual(['a', 'b', 'c']);
    const duplicate = await rejection(w.execute('b'));
    expect(isRpcError(duplicate) && duplicate.message).toMatch(/already running task b/);
    release.get('b')!();
    expect(await runs[1]).toEqual({ output: 'b' });
    // A slot freed: the next task runs.
    const next = w.execute('e');
    await expect.poll(() => started).toContain('e');
    for (const r of release.values()) r();
    expect(await Promise.all([runs[0], runs[2], next])).toEqual([{ output: 'a' }, { output: 'c' }, { output: 'e' }]);
  });

  it('cancels only the task named by task/cancel', async () => {
    const signals = new Map<string, AbortSignal>();
    const w = wire({
      concurrency: 2,
      execute: (task, ctx) =>
        new Promise((resolve, reject) => {
          signals.set(task.taskId, ctx.signal);
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error));
          if (task.taskId === 'keep') setTimeout(() => resolve('kept'), 200);
        }),
    });
    await w.initialize();
    const keep = w.execute('keep');
    const drop = w.execute('drop');
    await expect.poll(() => signals.size).toBe(2);
    w.runtime.notify('task/cancel', { taskId: 'drop' });
    const dropped = await rejection(drop);
    expect(isRpcError(dropped) && dropped.data).toMatchObject({ code: 'CANCELLED', taskId: 'drop' });
    expect(signals.get('keep')!.aborted).toBe(false);
    expect(await keep).toEqual({ output: 'kept' });
  });

  it.each([0, 1.5, -1, MAX_AGENT_CONCURRENCY + 1, '4'])('rejects concurrency %s naming the field', (bad) => {
    try {
      runAgent({ capabilities: [], execute: () => null, concurrency: bad as number });
      expect.unreachable();
    } catch (e) {
      expect(isAgentError(e) && e.code).toBe('INVALID_ARGUMENT');
      expect(isAgentError(e) && e.data?.field).toBe('concurrency');
    }
  });

  it('validates an announced concurrency as untrusted input (integer 1..1024)', () => {
    const base = { protocolVersion: '2026-11-01', agent: { name: 'n' }, capabilities: [] };
    expect(InitializeResultSchema.parse({ ...base, concurrency: 1024 }).concurrency).toBe(1024);
    for (const bad of [0, 1025, 2.5, '8', null]) {
      const r = InitializeResultSchema.safeParse({ ...base, concurrency: bad });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/^concurrency: must be an integer 1\.\.1024/);
    }
  });

  it('makes the runtime peer refuse an initialize answer with an out-of-range concurrency, naming the field', async () => {
    const toAgent = new PassThrough();
    const fromAgent = new PassThrough();
    const agent = new JsonRpcPeer({ input: toAgent, output: fromAgent, name: 'hostile' });
    const runtime = new JsonRpcPeer({ input: fromAgent, output: toAgent, name: 'runtime' });
    stops.push(() => {
      runtime.close();
      agent.close();
    });
    agent.onRequest('initialize', () => ({
      protocolVersion: '2026-11-01',
      agent: { name: 'n' },
      capabilities: [],
      concurrency: 1_000_000,
    }));
    const e = await rejection(
      runtime.request('initialize', {
        protocolVersion: '2026-11-01',
        agent: { id: 'a1', name: 'a', type: 't' },
        heartbeatIntervalMs: 0,
      }),
    );
    expect(String((e as Error).message)).toMatch(/concurrency/);
  });
});
