import { afterEach, describe, expect, it } from 'vitest';
import { AapErrorCode, isRpcError, RpcError, type HeartbeatParams, type TaskExecuteResult } from '../../src/index.js';
import { isAlive, killAllAgents, spawnAgent, waitFor } from './spawn-agent.js';

afterEach(killAllAgents);

const execute = (task: Record<string, unknown>, attempt = 1, checkpoint?: unknown) => ({
  task: { taskId: 't1', ...task },
  attempt,
  ...(checkpoint === undefined ? {} : { checkpoint }),
});

async function failure(p: Promise<unknown>): Promise<RpcError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isRpcError(e)) throw new Error(`expected an RpcError, got ${String(e)}`);
  return e;
}

describe('runAgent', () => {
  it('answers initialize with its protocol version, name, version and capabilities', async () => {
    const a = spawnAgent();
    const res = await a.initialize();
    expect(res).toEqual({
      protocolVersion: '2026-11-01',
      agent: { name: 'echo-agent', version: '1.0.0' },
      capabilities: ['echo', 'test'],
    });
  });

  it('runs a task and returns output, usage, progress and logs', async () => {
    const a = spawnAgent();
    await a.initialize();
    const res = await a.peer.request<TaskExecuteResult>('task/execute', execute({ objective: 'echo', input: [1, 2] }));
    expect(res).toEqual({ output: { echoed: [1, 2], attempt: 1, agentId: 'agent-1' }, usage: { tokensUsed: 3 } });
    expect(a.notifications).toContainEqual({
      method: 'task/progress',
      params: { taskId: 't1', progress: 0.5, message: 'halfway' },
    });
    expect(a.notifications).toContainEqual({
      method: 'log',
      params: { level: 'info', message: 'echoing', data: { n: 1 }, taskId: 't1' },
    });
  });

  it('sends heartbeats at the requested interval, busy with the task id while a task runs', async () => {
    const a = spawnAgent();
    await a.initialize(100);
    const beats = () => a.notifications.filter((n) => n.method === 'heartbeat').map((n) => n.params as HeartbeatParams);
    expect(await waitFor(() => beats().length >= 4, 5000)).toBe(true);
    const ts = beats().map((b) => b.timestamp);
    // Not faster than asked (timers never fire early); the upper side is only liveness, checked above.
    expect((ts.at(-1)! - ts[0]!) / (ts.length - 1)).toBeGreaterThanOrEqual(90);
    expect(beats()[0]).toMatchObject({ state: 'idle' });
    const running = a.peer.request('task/execute', execute({ objective: 'wait' }), { timeout: 0 });
    const before = beats().length;
    expect(
      await waitFor(
        () =>
          beats()
            .slice(before)
            .some((b) => b.state === 'busy'),
        5000,
      ),
    ).toBe(true);
    expect(beats().find((b) => b.state === 'busy')?.taskId).toBe('t1');
    a.peer.notify('task/cancel', { taskId: 't1' });
    await running.catch(() => undefined);
  });

  it('sends no heartbeat when the runtime asks for interval 0', async () => {
    const a = spawnAgent();
    const control = spawnAgent();
    await Promise.all([a.initialize(0), control.initialize(50)]);
    await a.peer.request('ping', {});
    // The control agent, started alongside at 50 ms, proves that several intervals have passed.
    expect(await waitFor(() => control.notifications.filter((n) => n.method === 'heartbeat').length >= 3)).toBe(true);
    expect(a.notifications.filter((n) => n.method === 'heartbeat')).toHaveLength(0);
  });

  it('aborts ctx.signal on task/cancel and answers -32002 CANCELLED', async () => {
    const a = spawnAgent();
    await a.initialize(50);
    const running = a.peer.request('task/execute', execute({ objective: 'wait' }), { timeout: 5000 });
    expect(
      await waitFor(() =>
        a.notifications.some((n) => n.method === 'heartbeat' && (n.params as HeartbeatParams).state === 'busy'),
      ),
    ).toBe(true);
    a.peer.notify('task/cancel', { taskId: 't1', reason: 'user abort' });
    const err = await failure(running);
    expect(err.rpcCode).toBe(AapErrorCode.CANCELLED);
    expect(err.data).toEqual({ code: 'CANCELLED', taskId: 't1', reason: 'user abort' });
  });

  it('turns a thrown error into -32001 TASK_FAILED with code, name and message', async () => {
    const a = spawnAgent();
    await a.initialize();
    const err = await failure(a.peer.request('task/execute', execute({ objective: 'fail' })));
    expect(err.rpcCode).toBe(AapErrorCode.TASK_FAILED);
    expect(err.data).toMatchObject({
      code: 'TASK_FAILED',
      name: 'TypeError',
      message: 'bad thing happened',
      errorCode: 'E_BAD',
    });
    expect(err.message).toBe('Task t1 failed: bad thing happened');
  });

  it('answers -32003 AGENT_BUSY to a second concurrent task', async () => {
    const a = spawnAgent();
    await a.initialize();
    const first = a.peer.request('task/execute', execute({ objective: 'wait' }), { timeout: 0 });
    const err = await failure(
      a.peer.request('task/execute', { ...execute({ objective: 'echo' }), task: { taskId: 't2', objective: 'echo' } }),
    );
    expect(err.rpcCode).toBe(AapErrorCode.AGENT_BUSY);
    expect(err.data).toMatchObject({ code: 'AGENT_BUSY', taskId: 't1' });
    a.peer.notify('task/cancel', { taskId: 't1' });
    expect((await failure(first)).rpcCode).toBe(AapErrorCode.CANCELLED);
  });

  it('routes ctx.tools.list and ctx.tools.call through the runtime', async () => {
    const a = spawnAgent();
    a.peer.onRequest('tools/list', (p) => ({ tools: [{ name: 'cortex_search', description: `for ${p.taskId}` }] }));
    a.peer.onRequest('tools/call', (p) => ({
      content: [{ type: 'text', text: `${p.name}:${JSON.stringify(p.arguments)}` }],
      isError: false,
    }));
    await a.initialize();
    const res = await a.peer.request<TaskExecuteResult>(
      'task/execute',
      execute({ objective: 'tools', tool: 'cortex_search', args: { q: 'x' } }),
    );
    expect(res.output).toEqual({
      tools: ['cortex_search'],
      result: { content: [{ type: 'text', text: 'cortex_search:{"q":"x"}' }], isError: false },
    });
  });

  it('ctx.tools.listDetailed names the tool servers the runtime could not list; list() gives the tools alone', async () => {
    const a = spawnAgent();
    const down = { server: 'search', code: 'MCP_UNAVAILABLE', message: 'server search is down' };
    a.peer.onRequest('tools/list', () => ({ tools: [{ name: 'cortex_store' }], unavailable: [down] }));
    await a.initialize();
    const detailed = await a.peer.request<TaskExecuteResult>('task/execute', execute({ objective: 'tools-detailed' }));
    expect(detailed.output).toEqual({ tools: [{ name: 'cortex_store' }], unavailable: [down] });
    a.peer.onRequest('tools/list', () => ({ tools: [{ name: 'cortex_store' }] }));
    const healthy = await a.peer.request<TaskExecuteResult>('task/execute', execute({ objective: 'tools-detailed' }));
    expect(healthy.output).toEqual({ tools: [{ name: 'cortex_store' }], unavailable: [] });
  });

  it('surfaces a refused tool call as a task failure carrying the tool error code', async () => {
    const a = spawnAgent();
    a.peer.onRequest('tools/list', () => ({ tools: [] }));
    a.peer.onRequest('tools/call', (p) => {
      throw new RpcError(AapErrorCode.TOOL_NOT_ALLOWED, `tool ${p.name} is not allowed`, { code: 'TOOL_NOT_ALLOWED' });
    });
    await a.initialize();
    const err = await failure(a.peer.request('task/execute', execute({ objective: 'tools', tool: 'rm' })));
    expect(err.rpcCode).toBe(AapErrorCode.TASK_FAILED);
    expect(err.data).toMatchObject({
      name: 'RpcError',
      message: 'tool rm is not allowed',
      errorCode: 'TOOL_NOT_ALLOWED',
    });
  });

  it('hands the last checkpoint of a failed attempt to the retry as ctx.previousCheckpoint', async () => {
    const a = spawnAgent();
    await a.initialize();
    await failure(a.peer.request('task/execute', execute({ objective: 'checkpoint' }, 1)));
    const saved = a.notifications
      .filter((n) => n.method === 'task/checkpoint')
      .map((n) => n.params as { data: unknown });
    expect(saved.map((s) => s.data)).toEqual([{ step: 11 }, { step: 12 }]);
    const res = await a.peer.request<TaskExecuteResult>(
      'task/execute',
      execute({ objective: 'checkpoint' }, 2, saved.at(-1)!.data),
    );
    expect(res.output).toEqual({ resumedFrom: { step: 12 } });
  });

  it('publishes and subscribes through the bus', async () => {
    const a = spawnAgent();
    a.peer.onRequest('bus/subscribe', (p) => ({ subscriptionId: `sub-${p.topic}` }));
    a.peer.onRequest('bus/unsubscribe', () => ({}));
    a.peer.onNotification('bus/publish', (p) =>
      a.peer.notify('bus/message', {
        topic: p.topic,
        payload: p.payload,
        from: 'agent-1',
        subscriptionId: `sub-${p.topic}`,
      }),
    );
    await a.initialize();
    const res = await a.peer.request<TaskExecuteResult>('task/execute', execute({ objective: 'bus', topic: 'news' }));
    expect(res.output).toEqual({ topic: 'news', payload: { hello: 'bus' }, from: 'agent-1' });
  });

  it('keeps stdout clean when the agent uses console.log', async () => {
    const a = spawnAgent();
    await a.initialize();
    const res = await a.peer.request<TaskExecuteResult>('task/execute', execute({ objective: 'console' }));
    expect(res.output).toBe('ok');
    expect(a.peer.stats.badFrames).toBe(0);
    expect(await waitFor(() => a.stderr().includes('noise on console.log'))).toBe(true);
  });

  it('answers shutdown after running onShutdown, then exits when stdin closes', async () => {
    const a = spawnAgent();
    await a.initialize();
    expect(await a.peer.request('shutdown', {})).toEqual({});
    // stderr is a separate pipe: its bytes may arrive after the answer on stdout.
    expect(await waitFor(() => a.stderr().includes('ON_SHUTDOWN'))).toBe(true);
    a.child.stdin!.end();
    expect(await a.exited).toEqual({ code: 0, signal: null });
  });

  it('exits promptly with code 0 when stdin closes, even mid-task', async () => {
    const a = spawnAgent();
    await a.initialize(50);
    void a.peer.request('task/execute', execute({ objective: 'wait' }), { timeout: 0 }).catch(() => undefined);
    expect(
      await waitFor(() =>
        a.notifications.some((n) => n.method === 'heartbeat' && (n.params as HeartbeatParams).state === 'busy'),
      ),
    ).toBe(true);
    a.child.stdin!.end();
    expect(await a.exited).toEqual({ code: 0, signal: null });
  });

  it('takes its grandchildren down with it when it leads a process group', async () => {
    const a = spawnAgent();
    await a.initialize();
    void a.peer.request('task/execute', execute({ objective: 'grandchild' }), { timeout: 0 }).catch(() => undefined);
    expect(await waitFor(() => /GRANDCHILD (\d+)/.test(a.stderr()))).toBe(true);
    const pid = Number(/GRANDCHILD (\d+)/.exec(a.stderr())![1]);
    expect(isAlive(pid)).toBe(true);
    a.child.stdin!.end();
    await a.exited;
    expect(await waitFor(() => !isAlive(pid), 2000)).toBe(true);
  });

  it('survives malformed frames on stdin and keeps answering', async () => {
    const a = spawnAgent();
    const errors: number[] = [];
    a.peer.onProtocolError((e) => void (e.remote && errors.push(e.code)));
    await a.initialize();
    a.child.stdin!.write('{"jsonrpc":"2.0","id":99,"meth\n');
    a.child.stdin!.write(Buffer.from([0xff, 0x00, 0xfe, 0x0a]));
    a.child.stdin!.write('{"jsonrpc":"1.0","method":"ping","id":98}\n');
    a.child.stdin!.write('{"jsonrpc":"2.0","method":"task/execute","id":97,"params":{"attempt":0}}\n');
    const err = await failure(a.peer.request('nope/nope', {}));
    expect(err.rpcCode).toBe(AapErrorCode.METHOD_NOT_FOUND);
    expect(await a.peer.request('ping', {})).toMatchObject({ timestamp: expect.any(Number) });
    expect(errors).toEqual([-32700, -32700]);
    expect(
      await waitFor(() => a.stderr().includes('protocol error -32602: Invalid params for task/execute: task:')),
    ).toBe(true);
  });
});
