import { afterEach, describe, expect, it } from 'vitest';
import { NODE, agentArgs, cleanup, makeRuntime, task } from '../support/runtime.js';

afterEach(cleanup);

describe('bridgeAgentBus', () => {
  it('carries a message from one agent to another through the runtime', async () => {
    const rt = makeRuntime();
    await rt.start();
    const [listener, speaker] = await Promise.all([
      rt.spawnAgent('listener', 'w', NODE, agentArgs()),
      rt.spawnAgent('speaker', 'w', NODE, agentArgs()),
    ]);
    const ready = rt.bus.waitFor({ type: 'bus.message', topic: 'review.findings.ready' }, { timeout: 15_000 });
    const listening = rt.executeTask(listener, task({ action: 'listen', topic: 'review.findings' }));
    expect((await ready).type).toBe('bus.message');
    const seenByCode: unknown[] = [];
    rt.bus.subscribe({ type: 'bus.message', topic: 'review.findings' }, (e) => seenByCode.push(e));
    await rt.executeTask(
      speaker,
      task({ action: 'publish', topic: 'review.findings', payload: { count: 2, files: ['a.ts'] } }),
    );
    const got = (await listening).output;
    expect(got).toEqual({
      topic: 'review.findings',
      payload: { count: 2, files: ['a.ts'] },
      from: speaker,
      sender: { agentId: speaker, name: 'speaker', type: 'w' },
    });
    expect(seenByCode).toEqual([expect.objectContaining({ topic: 'review.findings', from: speaker })]);
  });

  it('delivers messages published by code to subscribed agents', async () => {
    const rt = makeRuntime();
    await rt.start();
    const listener = await rt.spawnAgent('listener', 'w', NODE, agentArgs());
    const ready = rt.bus.waitFor({ type: 'bus.message', topic: 'ops.ready' }, { timeout: 15_000 });
    const listening = rt.executeTask(listener, task({ action: 'listen', topic: 'ops' }));
    await ready;
    rt.bus.publishTopic('ops', 'pause');
    expect((await listening).output).toEqual({ topic: 'ops', payload: 'pause' });
  });
});
