import { afterEach, describe, expect, it } from 'vitest';
import { busGrantFor, maySubscribe } from '../../src/bus/access.js';
import { NODE, agentArgs, cleanup, makeRuntime, record, task } from '../support/runtime.js';

afterEach(cleanup);

describe('bus grants', () => {
  it('never lets the default grant subscribe to every topic; an own grant must list "*"', () => {
    const fallback = { publish: ['*'], subscribe: ['*'] };
    const dflt = busGrantFor('unlisted', {}, fallback);
    expect(maySubscribe(dflt, 'review.completed')).toBe(true);
    expect(maySubscribe(dflt, 'review.*')).toBe(true);
    expect(maySubscribe(dflt, '*')).toBe(false);
    const monitor = busGrantFor('monitor', { monitor: { publish: [], subscribe: ['*'] } }, fallback);
    expect(maySubscribe(monitor, '*')).toBe(true);
    const narrow = busGrantFor('dev', { dev: { publish: [], subscribe: ['review.*'] } }, fallback);
    expect(maySubscribe(narrow, 'review.completed')).toBe(true);
    expect(maySubscribe(narrow, 'review.x*')).toBe(true);
    expect(maySubscribe(narrow, 're*')).toBe(false);
    expect(maySubscribe(narrow, 'deploy.done')).toBe(false);
  });
});

describe('bus access control with real agents', () => {
  it('refuses topics outside the type grant, audits each refusal, and stamps the sender whatever the payload claims', async () => {
    const rt = makeRuntime({
      security: {
        bus: {
          reviewer: { publish: ['review.*'], subscribe: [] },
          developer: { publish: ['dev.*'], subscribe: ['review.*'] },
        },
      },
    });
    const events = record(rt);
    await rt.start();
    const [reviewer, developer, other] = await Promise.all([
      rt.spawnAgent('Reviewer-1', 'reviewer', NODE, agentArgs()),
      rt.spawnAgent('Developer-1', 'developer', NODE, agentArgs()),
      rt.spawnAgent('Other-1', 'unlisted', NODE, agentArgs()),
    ]);

    const subs = await rt.executeTask(
      developer,
      task({ action: 'try-subscribe', topics: ['review.completed', '*', 'deploy.done', 'review.*'] }),
    );
    expect(subs.output).toEqual({
      'review.completed': 'ok',
      '*': 'ACCESS_DENIED',
      'deploy.done': 'ACCESS_DENIED',
      'review.*': 'ok',
    });
    const unlisted = await rt.executeTask(other, task({ action: 'try-subscribe', topics: ['*', 'anything'] }));
    expect(unlisted.output).toEqual({ '*': 'ACCESS_DENIED', anything: 'ok' });

    // The developer forges a review.completed "from" the reviewer: dropped (not its topic), audited.
    const forged = { workspaceId: 'ws', from: reviewer, sender: { agentId: reviewer, name: 'Reviewer-1' } };
    await rt.executeTask(developer, task({ action: 'publish', topic: 'review.completed', payload: forged }));
    // The reviewer publishes for real: the runtime stamps who it is; a `from` in the payload stays payload.
    const seen = rt.bus.waitFor({ type: 'bus.message', topic: 'review.completed' }, { timeout: 15_000 });
    await rt.executeTask(
      reviewer,
      task({ action: 'publish', topic: 'review.completed', payload: { from: developer, ok: true } }),
    );
    const message = await seen;
    expect(message).toMatchObject({
      from: reviewer,
      sender: { agentId: reviewer, name: 'Reviewer-1', type: 'reviewer' },
      payload: { from: developer, ok: true },
    });
    expect(events.filter((e) => e.type === 'bus.message' && e.topic === 'review.completed')).toHaveLength(1);

    const denied = events.flatMap((e) => (e.type === 'bus.denied' ? [[e.agentId, e.action, e.topic]] : []));
    expect(denied).toEqual([
      [developer, 'subscribe', '*'],
      [developer, 'subscribe', 'deploy.done'],
      [other, 'subscribe', '*'],
      [developer, 'publish', 'review.completed'],
    ]);
    const audited = events.flatMap((e) =>
      e.type === 'tool.call' && e.outcome === 'access_denied' ? [[e.agentId, e.tool]] : [],
    );
    expect(audited).toEqual([
      [developer, 'bus/subscribe'],
      [developer, 'bus/subscribe'],
      [other, 'bus/subscribe'],
      [developer, 'bus/publish'],
    ]);
  });
});
