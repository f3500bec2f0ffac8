import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { McpServerPool } from '../../src/pool/pool.js';
import { isMcpError } from '../../src/errors/mcp-error.js';
import { alive, echoConfig, echoServer, textOf } from '../helpers.js';

let pool: McpServerPool | undefined;
afterEach(async () => {
  await pool?.shutdownAll();
  pool = undefined;
});

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string; data?: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

describe('McpServerPool', () => {
  describe('getOrCreate', () => {
    it('starts one server per agent and shares one start among concurrent callers', async () => {
      pool = new McpServerPool(echoConfig());
      const [a, b] = await Promise.all([pool.getOrCreate('a1'), pool.getOrCreate('a1')]);
      expect(a.pid).toBe(b.pid);
      expect(a.pid).toBeTypeOf('number');
      const other = await pool.getOrCreate('a2');
      expect(other.pid).not.toBe(a.pid);
      expect(pool.getStatistics().servers).toBe(2);
    });

    it('negotiates the newest version both sides speak; a pinned version is offered as is', async () => {
      pool = new McpServerPool(echoConfig());
      expect((await pool.getOrCreate('a')).protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
      const p2 = new McpServerPool(echoConfig({ protocolVersion: '2025-06-18', pinProtocolVersion: true }));
      try {
        expect((await p2.getOrCreate('a')).protocolVersion).toBe('2025-06-18');
      } finally {
        await p2.shutdownAll();
      }
    });

    it('shares one server among all agents in shared mode', async () => {
      pool = new McpServerPool(echoConfig({ mode: 'shared' }));
      const a = await pool.getOrCreate('a');
      const b = await pool.getOrCreate('b');
      expect(a.pid).toBe(b.pid);
      expect(a.key).toBe('shared');
    });

    it('fails with MCP_START_FAILED carrying the stderr tail when the server cannot start', async () => {
      pool = new McpServerPool(echoConfig({ maxRetries: 1 }, ['--crash-on-start']));
      const err = await rejection(pool.getOrCreate('a'));
      expect(err.code).toBe('MCP_START_FAILED');
      expect(String(err.data?.stderrTail)).toContain('crashing on start');
    });
  });

  describe('callTool', () => {
    it('routes a call and returns content and isError', async () => {
      pool = new McpServerPool(echoConfig());
      const r = await pool.callTool('a', { name: 'echo', arguments: { text: 'hello' } });
      expect(textOf(r)).toBe('hello');
      expect(r.isError).toBe(false);
      const f = await pool.callTool('a', { name: 'fail' });
      expect(f.isError).toBe(true);
      const thrown = await rejection(pool.callTool('a', { name: 'fail' }, { throwOnToolError: true }));
      expect(thrown.code).toBe('MCP_TOOL_ERROR');
    });

    it('tells an unknown tool and invalid arguments apart, naming the field', async () => {
      pool = new McpServerPool(echoConfig());
      const unknown = await rejection(pool.callTool('a', { name: 'nope' }));
      expect(unknown.code).toBe('MCP_UNKNOWN_TOOL');
      const invalid = await rejection(pool.callTool('a', { name: 'echo', arguments: { text: 3 } }));
      expect(invalid.code).toBe('MCP_INVALID_ARGUMENTS');
      expect(invalid.data?.field).toBe('text');
      const badName = await rejection(pool.callTool('a', { name: '' }));
      expect(badName.code).toBe('MCP_INVALID_ARGUMENTS');
      expect(badName.data?.field).toBe('name');
    });

    it('answers 1000 concurrent calls without a process warning', async () => {
      pool = new McpServerPool(echoConfig({ maxInFlightPerServer: 64 }));
      const warnings: Error[] = [];
      const onWarning = (w: Error) => warnings.push(w);
      process.on('warning', onWarning);
      try {
        const shared = new AbortController();
        const results = await Promise.all(
          Array.from({ length: 1000 }, (_, i) =>
            pool!.callTool('a', { name: 'echo', arguments: { text: `m${i}` } }, { signal: shared.signal }),
          ),
        );
        expect(results.map(textOf)).toEqual(Array.from({ length: 1000 }, (_, i) => `m${i}`));
        await new Promise((r) => setImmediate(r));
        expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
        const stats = pool.getStatistics();
        expect(stats.calls).toBe(1000);
        expect(stats.failures).toBe(0);
        expect(stats.latency.samples).toBe(1000);
        expect(stats.latency.p95).toBeGreaterThanOrEqual(stats.latency.p50);
      } finally {
        process.off('warning', onWarning);
      }
    });

    it('tells a timeout (MCP_TIMEOUT) from a cancellation (MCP_CANCELLED)', async () => {
      pool = new McpServerPool(echoConfig());
      const timedOut = await rejection(pool.callTool('a', { name: 'slow', arguments: { ms: 5000 } }, { timeout: 100 }));
      expect(timedOut.code).toBe('MCP_TIMEOUT');
      const ac = new AbortController();
      const pending = pool.callTool(
        'a',
        { name: 'slow', arguments: { ms: 5000 } },
        { signal: ac.signal, timeout: 10_000 },
      );
      setTimeout(() => ac.abort(), 50);
      expect((await rejection(pending)).code).toBe('MCP_CANCELLED');
      const pre = await rejection(
        pool.callTool('a', { name: 'echo', arguments: { text: 'x' } }, { signal: AbortSignal.abort() }),
      );
      expect(pre.code).toBe('MCP_CANCELLED');
      const s = pool.getStatistics();
      expect([s.timeouts, s.cancellations]).toEqual([1, 2]);
      // The server is still healthy afterwards.
      expect(textOf(await pool.callTool('a', { name: 'echo', arguments: { text: 'ok' } }))).toBe('ok');
    });

    it('queues calls beyond maxInFlightPerServer and times out queued ones', async () => {
      pool = new McpServerPool(echoConfig({ maxInFlightPerServer: 1 }));
      await pool.listTools('a');
      const first = pool.callTool('a', { name: 'slow', arguments: { ms: 400 } });
      await new Promise((r) => setTimeout(r, 50));
      expect(pool.getStatistics().perServer[0]?.inFlight).toBe(1);
      const queued = await rejection(pool.callTool('a', { name: 'echo', arguments: { text: 'q' } }, { timeout: 100 }));
      expect(queued.code).toBe('MCP_TIMEOUT');
      expect(textOf(await first)).toBe('slept 400');
    });
  });

  describe('supervision', () => {
    it('fails pending calls at once with MCP_UNAVAILABLE when the server is SIGKILLed, then restarts it', async () => {
      pool = new McpServerPool(echoConfig());
      const { pid } = await pool.getOrCreate('a');
      const pending = Array.from({ length: 5 }, () =>
        pool!.callTool('a', { name: 'slow', arguments: { ms: 10_000 } }, { timeout: 10_000 }),
      );
      await new Promise((r) => setTimeout(r, 100));
      const killedAt = performance.now();
      process.kill(pid!, 'SIGKILL');
      const errors = await Promise.all(pending.map(rejection));
      const latency = performance.now() - killedAt;
      console.log(`pending calls failed ${latency.toFixed(1)} ms after SIGKILL`);
      for (const e of errors) expect(e.code).toBe('MCP_UNAVAILABLE');
      expect(errors[0]?.data?.signal).toBe('SIGKILL');
      expect(latency).toBeLessThan(2000); // generous: far below the 10 s call timeout
      const next = await pool.callTool('a', { name: 'pid' });
      expect(Number(textOf(next))).not.toBe(pid);
      expect(pool.getStatistics().restarts).toBe(1);
    });

    it('opens the circuit breaker after maxRetries deaths and then fails fast', async () => {
      pool = new McpServerPool(echoConfig({ maxRetries: 2, circuitResetTime: 0 }));
      const events: string[] = [];
      pool.subscribe((e) => events.push(e.type));
      for (let i = 0; i < 3; i++) {
        const e = await rejection(pool.callTool('a', { name: 'crash' }));
        expect(e.code).toBe('MCP_UNAVAILABLE');
        // wait for the restart (or the breaker)
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(events).toContain('circuit-open');
      const fast = await rejection(pool.callTool('a', { name: 'echo', arguments: { text: 'x' } }));
      expect(fast.code).toBe('MCP_UNAVAILABLE');
      expect(fast.data?.circuit).toBe('open');
    });

    it('kills the whole process group on shutdown, grandchildren included', async () => {
      pool = new McpServerPool(echoConfig({}, ['--spawn-child']));
      const { pid } = await pool.getOrCreate('a');
      const stats = pool.getStatistics();
      expect(stats.servers).toBe(1);
      await pool.shutdownAll();
      expect(alive(pid!)).toBe(false);
      // the leak checker (no-leaks.ts) fails this file if the grandchild survived
    });

    it('passes only allowlisted variables plus the server env', async () => {
      process.env.AXON_TEST_SECRET = 'secret';
      pool = new McpServerPool(echoConfig({ cortexEnv: { OWN_VAR: 'own' } }));
      expect(textOf(await pool.callTool('a', { name: 'env', arguments: { name: 'AXON_TEST_SECRET' } }))).toBe(
        '<unset>',
      );
      expect(textOf(await pool.callTool('a', { name: 'env', arguments: { name: 'OWN_VAR' } }))).toBe('own');
      expect(textOf(await pool.callTool('a', { name: 'env', arguments: { name: 'PATH' } }))).toBe(process.env.PATH);
      delete process.env.AXON_TEST_SECRET;
    });
  });

  describe('listTools and extra servers', () => {
    it('lists every page, reaches extra servers as server__tool, and refreshes on list_changed', async () => {
      pool = new McpServerPool(
        echoConfig({
          servers: { extra: { command: process.execPath, args: [echoServer, '--paginate', '--tools', '12'] } },
        }),
      );
      const tools = (await pool.listTools('a')).tools.map((t) => t.name);
      expect(tools).toContain('cortex_search');
      expect(tools).toContain('extra__t11');
      expect(tools.filter((t) => t.startsWith('extra__'))).toHaveLength(8 + 12);
      expect(textOf(await pool.callTool('a', { name: 'extra__echo', arguments: { text: 'via extra' } }))).toBe(
        'via extra',
      );
      const changed = new Promise((r) => pool!.subscribe((e) => e.type === 'tools-changed' && r(e)));
      const added = textOf(await pool.callTool('a', { name: 'extra__add_tool' }));
      await changed;
      expect((await pool.listTools('a')).tools.map((t) => t.name)).toContain(`extra__${added}`);
    });
  });

  describe('release and shutdown', () => {
    it('stops a released server after idleTimeout', async () => {
      pool = new McpServerPool(echoConfig({ idleTimeout: 100 }));
      const { pid } = await pool.getOrCreate('a');
      await pool.release('a');
      const stopped = new Promise((r) => pool!.subscribe((e) => e.type === 'stopped' && r(e)));
      await stopped;
      await new Promise((r) => setTimeout(r, 100));
      expect(alive(pid!)).toBe(false);
      expect(pool.getStatistics().entries).toBe(0);
    });

    it('fails pending calls with MCP_SHUT_DOWN on shutdown and refuses work after shutdownAll', async () => {
      pool = new McpServerPool(echoConfig());
      await pool.getOrCreate('a');
      const pending = pool.callTool('a', { name: 'slow', arguments: { ms: 5000 } });
      await new Promise((r) => setTimeout(r, 50));
      await pool.shutdown('a');
      expect((await rejection(pending)).code).toBe('MCP_SHUT_DOWN');
      await pool.shutdownAll();
      const after = await rejection(pool.getOrCreate('a'));
      expect(isMcpError(after)).toBe(true);
      expect(after.code).toBe('MCP_SHUT_DOWN');
    });

    it('evicts an idle released server set at maxServers, and refuses when none is idle', async () => {
      pool = new McpServerPool(echoConfig({ maxServers: 1 }));
      await pool.getOrCreate('a');
      const full = await rejection(pool.getOrCreate('b'));
      expect(full.code).toBe('MCP_UNAVAILABLE');
      await pool.release('a');
      await pool.getOrCreate('b');
      expect(pool.getStatistics().entries).toBe(1);
    });
  });
});
