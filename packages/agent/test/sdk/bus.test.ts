import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  AAP_PROTOCOL_VERSION,
  JsonRpcPeer,
  runAgent,
  type BusMessage,
  type TaskExecuteResult,
} from '../../src/index.js';

/** runAgent in-process on PassThrough streams, with the runtime's peer on the other end. */
function inProcess(execute: Parameters<typeof runAgent>[0]['execute']) {
  const toAgent = new PassThrough();
  const fromAgent = new PassThrough();
  const agent = runAgent({ name: 'bus-test', capabilities: [], execute, input: toAgent, output: fromAgent });
  const runtime = new JsonRpcPeer({ input: fromAgent, output: toAgent, name: 'runtime' });
  const init = () =>
    runtime.request('initialize', {
      protocolVersion: AAP_PROTOCOL_VERSION,
      agent: { id: 'a1', name: 'n', type: 't' },
      heartbeatIntervalMs: 0,
    });
  return { agent, runtime, toAgent, init };
}

describe('ctx.bus', () => {
  it('delivers a message sent right behind the subscribe answer, then unsubscribes when the task ends', async () => {
    const unsubscribed: unknown[] = [];
    let received: BusMessage | undefined;
    const { agent, runtime, toAgent, init } = inProcess(async (_task, ctx) => {
      await ctx.bus.subscribe('news', (m) => (received = m));
      await new Promise((r) => setTimeout(r, 20));
      return received;
    });
    runtime.onRequest('bus/unsubscribe', (p) => {
      unsubscribed.push(p);
      return {};
    });
    // Answer the subscribe and deliver a message in the same chunk, by hand.
    runtime.onRequest('bus/subscribe', (_p, { id }) => {
      toAgent.write(
        `${JSON.stringify({ jsonrpc: '2.0', id, result: { subscriptionId: 's1' } })}\n` +
          `${JSON.stringify({ jsonrpc: '2.0', method: 'bus/message', params: { topic: 'news', payload: 1, subscriptionId: 's1' } })}\n`,
      );
      return new Promise(() => {});
    });
    await init();
    const res = await runtime.request<TaskExecuteResult>('task/execute', {
      task: { taskId: 't', objective: '' },
      attempt: 1,
    });
    expect(res.output).toEqual({ topic: 'news', payload: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(unsubscribed).toEqual([{ subscriptionId: 's1' }]);
    agent.stop();
    await agent.stopped;
  });

  it('tolerates a runtime without bus/unsubscribe', async () => {
    const { agent, runtime, init } = inProcess(async (_task, ctx) => {
      const off = await ctx.bus.subscribe('x', () => {});
      await off();
      return 'done';
    });
    runtime.onRequest('bus/subscribe', () => ({ subscriptionId: 's' }));
    await init();
    const res = await runtime.request<TaskExecuteResult>('task/execute', {
      task: { taskId: 't', objective: '' },
      attempt: 1,
    });
    expect(res.output).toBe('done');
    agent.stop();
    await agent.stopped;
  });
});
