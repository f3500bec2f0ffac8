import { describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/bus/events.js';
import { MessageBus } from '../../src/bus/message-bus.js';
import { RingBuffer } from '../../src/bus/ring-buffer.js';

describe('MessageBus', () => {
  it('stamps events with a sequence and a timestamp', () => {
    const bus = new MessageBus();
    const a = bus.publish({ type: 'task.queued', taskId: 't1', priority: 5, queueLength: 1 });
    const b = bus.publish({ type: 'task.queued', taskId: 't2', priority: 5, queueLength: 2 });
    expect(b.seq).toBe(a.seq + 1);
    expect(typeof a.timestamp).toBe('number');
  });

  it('delivers to filtered subscribers until they unsubscribe', () => {
    const bus = new MessageBus();
    const tasks: string[] = [];
    const agentA: string[] = [];
    const offTasks = bus.subscribe({ type: 'task.*' }, (e) => tasks.push(e.type));
    bus.subscribe({ agentId: 'a' }, (e) => agentA.push(e.type));
    bus.publish({ type: 'task.started', taskId: 't', agentId: 'a', attempt: 1 });
    bus.publish({ type: 'agent.terminated', agentId: 'b', reason: 'x' });
    bus.publish({ type: 'bus.message', topic: 'chat', payload: 1, from: 'a' });
    offTasks();
    bus.publish({ type: 'task.cancelled', taskId: 't', reason: 'x' });
    expect(tasks).toEqual(['task.started']);
    expect(agentA).toEqual(['task.started', 'bus.message']);
  });

  it('matches topics exactly or by prefix', () => {
    const bus = new MessageBus();
    const got: unknown[] = [];
    bus.subscribe({ type: 'bus.message', topic: 'review.*' }, (e) => got.push((e as { payload: unknown }).payload));
    bus.publishTopic('review.done', 1);
    bus.publishTopic('reviewer', 2);
    bus.publishTopic('review.started', 3, 'agent-1');
    expect(got).toEqual([1, 3]);
  });

  it('keeps going when a listener throws and reports it', () => {
    const errors: unknown[] = [];
    const bus = new MessageBus({ onListenerError: (e) => errors.push(e) });
    const seen: number[] = [];
    bus.subscribe(() => {
      throw new Error('boom');
    });
    bus.subscribe((e) => seen.push(e.seq));
    bus.publish({ type: 'recovery.restored', component: 'mcp', server: 'cortex' });
    expect(seen).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(bus.stats.listenerErrors).toBe(1);
  });

  it('keeps a bounded history', () => {
    const bus = new MessageBus({ historySize: 3 });
    for (let i = 0; i < 10; i++) bus.publish({ type: 'task.queued', taskId: `t${i}`, priority: 5, queueLength: i });
    expect(bus.history().map((e) => (e as { taskId: string }).taskId)).toEqual(['t7', 't8', 't9']);
    expect(bus.history({ taskId: 't8' })).toHaveLength(1);
  });

  it('iterates asynchronously and ends on close', async () => {
    const bus = new MessageBus();
    const seen: string[] = [];
    const reader = (async () => {
      for await (const e of bus.stream({ type: 'bus.message' })) seen.push((e as { topic: string }).topic);
    })();
    bus.publishTopic('a', null);
    bus.publish({ type: 'recovery.restored', component: 'mcp', server: 'cortex' });
    await Promise.resolve();
    bus.publishTopic('b', null);
    bus.close();
    await reader;
    expect(seen).toEqual(['a', 'b']);
    expect(bus.listenerCount).toBe(0);
  });

  it('stops a stream on abort and on break, removing its listener', async () => {
    const bus = new MessageBus();
    const ac = new AbortController();
    const stream = bus.stream(undefined, { signal: ac.signal });
    expect(bus.listenerCount).toBe(1);
    ac.abort();
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(bus.listenerCount).toBe(0);
    const it2 = bus[Symbol.asyncIterator]();
    bus.publishTopic('x', 1);
    const first = await it2.next();
    expect((first.value as RuntimeEvent).type).toBe('bus.message');
    await it2.return?.();
    expect(bus.listenerCount).toBe(0);
  });

  it('drops the oldest events for a slow stream instead of growing', async () => {
    const bus = new MessageBus();
    const stream = bus.stream(undefined, { bufferSize: 2 });
    for (let i = 0; i < 5; i++) bus.publishTopic('t', i);
    expect(stream.dropped).toBe(3);
    const a = await stream.next();
    expect((a.value as { payload: number }).payload).toBe(3);
    await stream.return();
  });

  it('waits for a matching event or times out', async () => {
    const bus = new MessageBus();
    const waiting = bus.waitFor({ type: 'recovery.restored' }, { timeout: 1000 });
    bus.publish({ type: 'recovery.restored', component: 'mcp', server: 'cortex' });
    expect((await waiting).type).toBe('recovery.restored');
    await expect(bus.waitFor({ type: 'task.queued' }, { timeout: 10 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(bus.listenerCount).toBe(0);
  });
});

describe('RingBuffer', () => {
  it('overwrites the oldest entry when full', () => {
    const r = new RingBuffer<number>(2);
    expect(r.push(1)).toBeUndefined();
    r.push(2);
    expect(r.push(3)).toBe(1);
    expect(r.toArray()).toEqual([2, 3]);
    expect(r.shift()).toBe(2);
    expect(r.size).toBe(1);
  });
});
