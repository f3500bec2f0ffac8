import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, AdminApiError, locateServer, readState } from '../../src/index.js';
import { startTestServer, until } from '../support/harness.js';

const B = { scope: ['test'] };
let h: Awaited<ReturnType<typeof startTestServer>>;
let client: AdminClient;

const req = (path: string, init: RequestInit = {}, token: string | null = h.token) =>
  fetch(`${h.url}${path}`, {
    ...init,
    headers: {
      ...(token !== null && { authorization: `Bearer ${token}` }),
      ...(init.headers as Record<string, string>),
    },
  });
const post = (path: string, body: string, token: string | null = h.token) =>
  req(path, { method: 'POST', body, headers: { 'content-type': 'application/json' } }, token);

beforeAll(async () => {
  h = await startTestServer({ minIdle: 1, max: 2 });
  client = new AdminClient(locateServer({ stateDir: h.dir }, {}));
  await until(
    () => h.server.runtime.listAgents().some((a) => a.status === 'ready' || a.status === 'idle'),
    'a warm agent',
  );
});
afterAll(async () => {
  await h?.stop();
});

describe('admin API', () => {
  describe('auth', () => {
    it('refuses every API route without the token, with a JSON error naming the code', async () => {
      for (const path of ['/api/agents', '/api/tasks', '/api/stats', '/api/events', '/metrics']) {
        const res = await req(path, {}, null);
        expect(res.status, path).toBe(401);
        expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
      }
      const wrong = await req('/api/agents', {}, 'x'.repeat(43));
      expect(wrong.status).toBe(401);
      const submit = await post('/api/tasks', JSON.stringify({ objective: 'x' }), null);
      expect(submit.status).toBe(401);
    });

    it('stores a generated token with mode 0600 and a state file clients find it with', () => {
      const state = readState(h.dir)!;
      expect(state.url).toBe(h.url);
      expect(state.pid).toBe(process.pid);
      expect(statSync(state.tokenFile).mode & 0o777).toBe(0o600);
      expect(h.token.length).toBeGreaterThanOrEqual(32);
    });

    it('sends no CORS headers and refuses preflight', async () => {
      const res = await req('/api/agents', { headers: { origin: 'http://evil.example' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const pre = await req('/api/agents', { method: 'OPTIONS', headers: { origin: 'http://evil.example' } }, null);
      expect(pre.status).toBe(405);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('agents', () => {
    it('lists the agents and shows one by id; unknown ids are AGENT_NOT_FOUND', async () => {
      const agents = await client.agents();
      expect(agents.length).toBeGreaterThanOrEqual(1);
      const one = await (await req(`/api/agents/${encodeURIComponent(agents[0]!.id)}`)).json();
      expect(one).toMatchObject({ id: agents[0]!.id, type: 'worker' });
      const missing = await req('/api/agents/nope');
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ error: { code: 'AGENT_NOT_FOUND' } });
    });

    it('restarts an agent: a new process under the same id', async () => {
      const [a] = await client.agents();
      const after = await client.restart(a!.id);
      expect(after.id).toBe(a!.id);
      expect(after.pid).not.toBe(a!.pid);
      expect(after.pid).toBeGreaterThan(0);
    });
  });

  describe('tasks', () => {
    it('accepts a delegation with 202 and its id, then reports its outcome', async () => {
      const res = await post(
        '/api/tasks',
        JSON.stringify({ taskId: 'api-ok', objective: 'noop', boundaries: B, context: { action: 'noop' } }),
      );
      expect(res.status).toBe(202);
      expect(await res.json()).toMatchObject({ taskId: 'api-ok' });
      expect(res.headers.get('location')).toBe('/api/tasks/api-ok');
      const done = await until(async () => {
        const t = await client.task('api-ok');
        return t.status === 'completed' && t;
      }, 'task api-ok to complete');
      expect(done.output).toBe('done');
      expect((await client.tasks()).recent.map((t) => t.id)).toContain('api-ok');
    });

    it('names the bad field of an invalid delegation', async () => {
      const res = await post('/api/tasks', JSON.stringify({ objective: 'x', boundaries: B, priority: 99 }));
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string; data: { path: string } } };
      expect(body.error.code).toBe('INVALID_DELEGATION');
      expect(body.error.data.path).toBe('priority');
      expect(body.error.message).toContain('priority');
      const missing = (await (await post('/api/tasks', JSON.stringify({ boundaries: B, context: {} }))).json()) as {
        error: { data: { path: string } };
      };
      expect(missing.error.data.path).toBe('objective');
    });

    it('refuses bad JSON, other content types and bodies over the limit', async () => {
      const bad = await post('/api/tasks', '{"objective":');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'INVALID_JSON' } });
      const text = await req('/api/tasks', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
      expect(text.status).toBe(415);
      const big = await post('/api/tasks', JSON.stringify({ objective: 'x'.repeat(2 * 1024 * 1024), boundaries: B }));
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
    });

    it('cancels a running task with DELETE; a finished one is TASK_FINISHED, an unknown one TASK_NOT_FOUND', async () => {
      await client.submit({ taskId: 'api-cancel', objective: 'wait', boundaries: B, context: { action: 'wait' } });
      await until(async () => (await client.task('api-cancel')).status === 'running', 'api-cancel to run');
      const res = await req('/api/tasks/api-cancel', { method: 'DELETE' });
      expect(res.status).toBe(202);
      const t = await until(async () => {
        const v = await client.task('api-cancel');
        return v.status === 'cancelled' && v;
      }, 'api-cancel to be cancelled');
      expect(t.error?.code).toBe('CANCELLED');
      const again = await req('/api/tasks/api-cancel', { method: 'DELETE' });
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ error: { code: 'TASK_FINISHED' } });
      expect((await req('/api/tasks/none', { method: 'DELETE' })).status).toBe(404);
    });

    it('keeps a failed task with its error code and the tail of the agent log', async () => {
      await client.submit({ taskId: 'api-fail', objective: 'fail', boundaries: B, context: { action: 'fail' } });
      const t = await until(async () => {
        const v = await client.task('api-fail');
        return v.status === 'failed' && v;
      }, 'api-fail to fail');
      expect(t.error?.code).toBe('TASK_FAILED');
      expect(t.stderrTail?.join('\n')).toContain('about to fail: boom');
    });

    it('refuses a duplicate id of an active task', async () => {
      await client.submit({ taskId: 'api-dup', objective: 'wait', boundaries: B, context: { action: 'wait' } });
      await expect(client.submit({ taskId: 'api-dup', objective: 'wait', boundaries: B })).rejects.toMatchObject({
        code: 'TASK_EXISTS',
      });
      await client.cancel('api-dup');
      await until(async () => (await client.task('api-dup')).status === 'cancelled', 'api-dup cancelled');
    });
  });

  describe('stats, logs and events', () => {
    it('reports statistics', async () => {
      const s = await client.stats();
      expect(s.runtime).toBe('running');
      expect(s.statistics.totalTasksExecuted).toBeGreaterThanOrEqual(1);
    });

    it("returns an agent's log buffer and follows it", async () => {
      const [a] = await client.agents();
      const ac = new AbortController();
      const seen: string[] = [];
      const following = client.stream(
        `/api/agents/${encodeURIComponent(a!.id)}/logs?follow`,
        (d) => {
          seen.push((d as { line: string }).line);
          if (seen.some((l) => l.includes('disk almost full'))) ac.abort();
        },
        ac.signal,
      );
      // Following replays the buffer first, so the line is seen whether it comes before or after the subscription.
      await client.submit({ taskId: 'api-log', objective: 'log', boundaries: B, context: { action: 'log' } });
      await following;
      expect(seen.join('\n')).toContain('[warn] disk almost full');
      const lines = await client.logs(a!.id);
      expect(lines.join('\n')).toMatch(/disk almost full|plain stderr line/);
    });

    it('streams events and resumes after Last-Event-ID from the history', async () => {
      const history = h.server.runtime.bus.history();
      const from = history[history.length - 5]!.seq;
      const res = await fetch(`${h.url}/api/events`, {
        headers: { authorization: `Bearer ${h.token}`, 'last-event-id': String(from) },
      });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      let text = '';
      while (!text.includes(`id: ${from + 4}\n`)) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      expect(ids.slice(0, 4)).toEqual([from + 1, from + 2, from + 3, from + 4]);
    });
  });

  it('a client without a server says so', () => {
    expect(() => locateServer({ stateDir: '/nonexistent-axon' }, {})).toThrow(AdminApiError);
  });
});
