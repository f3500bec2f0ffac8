import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { InitializeResult } from '../../src/index.js';
import {
  AapErrorCode,
  AAP_PROTOCOL_VERSION,
  isAgentError,
  isRpcError,
  JsonRpcPeer,
  RpcError,
} from '../../src/index.js';
import { peerPair, rawPeer, type WireFrame } from '../helpers.js';

const init = {
  protocolVersion: AAP_PROTOCOL_VERSION,
  agent: { id: 'a1', name: 'n', type: 't' },
  heartbeatIntervalMs: 1000,
};

describe('JsonRpcPeer', () => {
  describe('requests', () => {
    it('correlates answers to requests by id, even out of order', async () => {
      const { a, b } = peerPair();
      b.onRequest('slow', async (params) => {
        const p = params as { n: number; delay: number };
        await new Promise((r) => setTimeout(r, p.delay));
        return p.n;
      });
      const results = await Promise.all([
        a.request('slow', { n: 1, delay: 60 }),
        a.request('slow', { n: 2, delay: 0 }),
      ]);
      expect(results).toEqual([1, 2]);
      expect(a.stats.pendingRequests).toBe(0);
    });

    it('validates params of AAP methods and returns typed results', async () => {
      const { a, b } = peerPair();
      b.onRequest('initialize', (p) => ({
        protocolVersion: p.protocolVersion,
        agent: { name: p.agent.name },
        capabilities: ['x'],
      }));
      const res = await a.request<InitializeResult>('initialize', init);
      expect(res.capabilities).toEqual(['x']);
    });

    it('rejects with RpcError carrying code and data when the handler throws RpcError', async () => {
      const { a, b } = peerPair();
      b.onRequest('boom', () => {
        throw new RpcError(AapErrorCode.AGENT_BUSY, 'busy', { code: 'AGENT_BUSY' });
      });
      const err = await a.request('boom').catch((e: unknown) => e);
      expect(isRpcError(err) && err.rpcCode).toBe(-32003);
      expect(isRpcError(err) && err.code).toBe('AGENT_BUSY');
    });

    it('answers -32603 when a handler throws something else', async () => {
      const { a, b } = peerPair();
      b.onRequest('boom', () => {
        throw new TypeError('nope');
      });
      const err = await a.request('boom').catch((e: unknown) => e);
      expect(isRpcError(err) && err.rpcCode).toBe(-32603);
      expect((err as Error).message).toContain('nope');
    });

    it('times out a request with AgentError TIMEOUT and ignores the late answer', async () => {
      const { a, b } = peerPair();
      b.onRequest('slow', () => new Promise((r) => setTimeout(() => r(1), 150)));
      const err = await a.request('slow', {}, { timeout: 30 }).catch((e: unknown) => e);
      expect(isAgentError(err) && err.code).toBe('TIMEOUT');
      await new Promise((r) => setTimeout(r, 250));
      expect(a.stats.badFrames).toBe(0);
    });

    it('rejects with ABORTED when the signal fires', async () => {
      const { a, b } = peerPair();
      b.onRequest('never', () => new Promise(() => {}));
      const ac = new AbortController();
      const p = a.request('never', {}, { signal: ac.signal });
      ac.abort();
      const err = await p.catch((e: unknown) => e);
      expect(isAgentError(err) && err.code).toBe('ABORTED');
    });

    it('rejects pending requests with PEER_CLOSED on close and aborts running handlers', async () => {
      const { a, b } = peerPair();
      let handlerSignal: AbortSignal | undefined;
      b.onRequest('never', (_p, ctx) => {
        handlerSignal = ctx.signal;
        return new Promise(() => {});
      });
      const p = a.request('never', {}, { timeout: 0 });
      await new Promise((r) => setTimeout(r, 20));
      a.close();
      b.close();
      const err = await p.catch((e: unknown) => e);
      expect(isAgentError(err) && err.code).toBe('PEER_CLOSED');
      expect(handlerSignal?.aborted).toBe(true);
      await a.closed;
    });

    it('resolves closed when the input ends', async () => {
      const { a, bToA } = peerPair();
      bToA.end();
      await a.closed;
      expect(a.isClosed).toBe(true);
    });
  });

  describe('notifications', () => {
    it('delivers validated notifications to every listener', async () => {
      const { a, b } = peerPair();
      const got: unknown[] = [];
      b.onNotification('task/progress', (p) => void got.push(p.progress));
      b.onNotification('task/progress', (p) => void got.push(p.message));
      a.notify('task/progress', { taskId: 't', progress: 0.5, message: 'half' });
      await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual([0.5, 'half']);
    });
  });

  describe('bad frames', () => {
    it('answers truncated JSON with -32700 and counts it', async () => {
      const { peer, toPeer, frames } = rawPeer();
      toPeer.write('{"jsonrpc":"2.0","id":1,"meth\n');
      const f = (await frames(1))[0]!;
      expect(f).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
      expect(peer.stats.badFrames).toBe(1);
    });

    it('answers a wrong jsonrpc version with -32600 and the request id', async () => {
      const { toPeer, frames } = rawPeer();
      toPeer.write('{"jsonrpc":"1.0","id":7,"method":"ping"}\n');
      const f = (await frames(1))[0]!;
      expect(f).toMatchObject({ id: 7, error: { code: -32600 } });
    });

    it('answers an unknown method with -32601', async () => {
      const { toPeer, frames } = rawPeer();
      toPeer.write('{"jsonrpc":"2.0","id":"x","method":"nope"}\n');
      const f = (await frames(1))[0]!;
      expect(f).toMatchObject({ id: 'x', error: { code: -32601, message: 'Method not found: nope' } });
    });

    it('answers invalid params with -32602 naming the field', async () => {
      const { peer, toPeer, frames } = rawPeer();
      peer.onRequest('initialize', () => ({ protocolVersion: 'x', agent: { name: 'n' }, capabilities: [] }));
      toPeer.write(
        `${JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'initialize', params: { ...init, agent: { name: 'n', type: 't' } } })}\n`,
      );
      const f = (await frames(1))[0]!;
      expect(f.error?.code).toBe(-32602);
      expect(f.error?.message).toContain('agent.id');
      expect(f.error?.data?.issues?.[0]?.path).toBe('agent.id');
    });

    it('drops an over-long line with -32700 and keeps serving the next one', async () => {
      const { peer, toPeer, frames } = rawPeer({ maxLineLength: 1024 });
      peer.onRequest('echo', (p) => p);
      toPeer.write(`{"x":"${'a'.repeat(600)}`);
      toPeer.write(`${'b'.repeat(600)}"}\n`);
      toPeer.write('{"jsonrpc":"2.0","id":1,"method":"echo","params":{"ok":true}}\n');
      const [f1, f2] = (await frames(2)) as [WireFrame, WireFrame];
      expect(f1.error?.code).toBe(-32700);
      expect(f1.error?.message).toContain('maxLineLength');
      expect(f2).toEqual({ jsonrpc: '2.0', id: 1, result: { ok: true } });
      expect(peer.stats.badFrames).toBe(1);
    });

    it('survives binary garbage', async () => {
      const { peer, toPeer, frames } = rawPeer();
      peer.onRequest('echo', (p) => p);
      toPeer.write(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x0a]));
      toPeer.write('{"jsonrpc":"2.0","id":1,"method":"echo","params":[1]}\n');
      const [f1, f2] = (await frames(2)) as [WireFrame, WireFrame];
      expect(f1.error?.code).toBe(-32700);
      expect(f2.result).toEqual([1]);
      expect(peer.stats).toMatchObject({ framesIn: 2, badFrames: 1 });
    });

    it('counts notifications with invalid params or unknown methods without answering them', async () => {
      const { peer, toPeer, received } = rawPeer();
      const got: unknown[] = [];
      peer.onNotification('task/cancel', (p) => void got.push(p));
      toPeer.write('{"jsonrpc":"2.0","method":"task/cancel","params":{"reason":5}}\n');
      toPeer.write('{"jsonrpc":"2.0","method":"no/such"}\n');
      toPeer.write('{"jsonrpc":"2.0","method":"heartbeat","params":{"timestamp":1,"state":"idle"}}\n');
      await new Promise((r) => setTimeout(r, 50));
      expect(got).toEqual([]);
      expect(received).toEqual([]);
      expect(peer.stats).toMatchObject({ framesIn: 3, badFrames: 2 });
    });

    it('answers a batch with -32600', async () => {
      const { toPeer, frames } = rawPeer();
      toPeer.write('[{"jsonrpc":"2.0","id":1,"method":"ping"}]\n');
      const f = (await frames(1))[0]!;
      expect(f.error?.code).toBe(-32600);
    });

    it('counts a response to an unknown id without answering it', async () => {
      const { peer, toPeer, received } = rawPeer();
      toPeer.write('{"jsonrpc":"2.0","id":42,"result":{}}\n');
      await new Promise((r) => setTimeout(r, 50));
      expect(received).toEqual([]);
      expect(peer.stats.badFrames).toBe(1);
    });

    it('rejects with INVALID_RESULT when an AAP answer does not match its schema', async () => {
      const { a, b } = peerPair();
      b.onRequest('ping', () => ({ timestamp: 'now' }));
      const err = await a.request('ping', {}).catch((e: unknown) => e);
      expect(isAgentError(err) && err.code).toBe('INVALID_RESULT');
      expect((err as Error).message).toContain('timestamp');
      expect(a.stats.badFrames).toBe(1);
    });
  });

  describe('limits and failures', () => {
    it('refuses to send a request longer than maxLineLength', async () => {
      const { a } = peerPair({ maxLineLength: 100 });
      const err = await a.request('x', { big: 'y'.repeat(200) }).catch((e: unknown) => e);
      expect(isAgentError(err) && err.code).toBe('FRAME_TOO_LARGE');
      expect(() => a.notify('x', { big: 'y'.repeat(200) })).toThrow(/maxLineLength/);
    });

    it('answers -32603 instead of an answer too large to send', async () => {
      const { a, b } = peerPair({ maxLineLength: 200 });
      b.onRequest('big', () => 'z'.repeat(500));
      const err = await a.request('big').catch((e: unknown) => e);
      expect(isRpcError(err) && err.rpcCode).toBe(-32603);
    });

    it('closes, rather than crashes, when its output fails', async () => {
      const { a, b, aToB } = peerPair();
      b.onRequest('never', () => new Promise(() => {}));
      const p = a.request('never', {}, { timeout: 0 });
      aToB.destroy(new Error('EPIPE'));
      const err = await p.catch((e: unknown) => e);
      expect(isAgentError(err) && err.code).toBe('PEER_CLOSED');
      expect(a.isClosed).toBe(true);
    });

    it('rejects bad options naming the field', () => {
      const { aToB, bToA } = peerPair();
      expect(() => new JsonRpcPeer({ input: aToB, output: bToA, maxLineLength: 0 })).toThrow(/maxLineLength/);
    });
  });
});

describe('JsonRpcPeer bounds', () => {
  it('refuses to queue more than maxQueuedBytes for a side that does not read (BACKPRESSURE), reporting it once', async () => {
    const { PassThrough } = await import('node:stream');
    const output = new PassThrough({ highWaterMark: 1024 });
    const overflows: number[] = [];
    const peer = new JsonRpcPeer({
      input: new PassThrough(),
      output,
      maxQueuedBytes: 64 * 1024,
      onBackpressure: (q) => overflows.push(q),
    });
    const big = 'x'.repeat(8 * 1024);
    let refused: unknown;
    for (let i = 0; i < 100 && !refused; i++) {
      try {
        peer.notify('bus/message', { topic: 't', payload: big });
      } catch (e) {
        refused = e;
      }
    }
    expect(isAgentError(refused) && refused.code).toBe('BACKPRESSURE');
    expect(output.writableLength).toBeLessThan(64 * 1024 + 9 * 1024);
    const req = await peer.request('ping').catch((e: unknown) => e);
    expect(isAgentError(req) && req.code).toBe('BACKPRESSURE');
    expect(overflows).toHaveLength(1);
    peer.close();
  });

  it('answers -32004 OVERLOADED beyond maxInflightRequests without running the handler', async () => {
    const { a, b } = peerPair({ maxInflightRequests: 2 });
    let started = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    b.onRequest('slow', async () => {
      started++;
      await gate;
      return 'ok';
    });
    const first = [a.request('slow'), a.request('slow')];
    const third = await a.request('slow').catch((e: unknown) => e);
    expect(isRpcError(third) && third.rpcCode).toBe(AapErrorCode.OVERLOADED);
    expect(isRpcError(third) && third.data).toMatchObject({ code: 'OVERLOADED', limit: 'inflight', max: 2 });
    expect(started).toBe(2);
    release();
    expect(await Promise.all(first)).toEqual(['ok', 'ok']);
  });

  it('answers a flood of garbage at a bounded rate, counting and reporting every line', async () => {
    let stray = 0;
    const { peer, toPeer, received, frames } = rawPeer({ onStrayBytes: (n) => (stray += n) });
    const events: Array<{ unanswered?: boolean; bytes?: number }> = [];
    peer.onProtocolError((e) => events.push(e));
    peer.onRequest('ping', () => ({ timestamp: 1 }));
    const lineCount = 5_000;
    const garbage = Buffer.alloc(lineCount * 10, 0x7a);
    for (let i = 0; i < lineCount; i++) garbage[i * 10 + 9] = 0x0a;
    toPeer.write(garbage);
    toPeer.write('{"jsonrpc":"2.0","id":1,"method":"ping","params":{}}\n');
    while (!received.some((f) => f.id === 1)) await frames(received.length + 1);
    expect(peer.stats.badFrames).toBe(lineCount);
    expect(events).toHaveLength(lineCount);
    expect(events.every((e) => e.bytes === 9)).toBe(true);
    expect(stray).toBe(lineCount * 9);
    // Answered: the burst of 100 plus what the refill allowed while the lines came in; the rest unanswered.
    const answered = received.filter((f) => f.id === null).length;
    expect(answered).toBe(events.filter((e) => !e.unanswered).length);
    expect(answered).toBeGreaterThanOrEqual(100);
    expect(answered).toBeLessThan(lineCount / 2);
    peer.close();
  });
});

describe('JsonRpcPeer writes', () => {
  // A Writable that records each write it receives: how many frames reach the pipe per write call.
  function recordingPeer() {
    const writes: string[] = [];
    const output = new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        writes.push(chunk.toString());
        cb();
      },
    });
    const peer = new JsonRpcPeer({ name: 'w', input: new PassThrough(), output });
    return { peer, writes };
  }

  it('hands the frames of one turn to the stream in one write, in order', async () => {
    const { peer, writes } = recordingPeer();
    for (let n = 0; n < 32; n++) peer.notify('tick', { n });
    expect(writes).toHaveLength(0);
    await new Promise((r) => process.nextTick(r));
    expect(writes).toHaveLength(1);
    const frames = writes[0]!
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { params: { n: number } });
    expect(frames.map((f) => f.params.n)).toEqual([...Array(32).keys()]);
    expect(peer.stats.framesOut).toBe(32);
    peer.close();
  });

  it('writes a large batch at once instead of growing it', () => {
    const { peer, writes } = recordingPeer();
    peer.notify('big', { data: 'x'.repeat(70 * 1024) });
    expect(writes).toHaveLength(1);
    peer.close();
  });

  it('still sends the frames written before close()', () => {
    const { peer, writes } = recordingPeer();
    peer.notify('last', { n: 1 });
    peer.close();
    expect(writes.join('')).toContain('"method":"last"');
    peer.notify('after', {});
    expect(writes.join('')).not.toContain('after');
  });
});
