import { describe, expect, it } from 'vitest';
import type { ProcessEvent } from '../../src/index.js';
import { agentSpec, manager, nextEvent } from '../helpers.js';

const MB = 1024 * 1024;
const isLimit = (e: ProcessEvent): e is Extract<ProcessEvent, { type: 'limit-exceeded' }> =>
  e.type === 'limit-exceeded';

describe('ProcessManager', () => {
  describe('resource tracking and limits', () => {
    it('reports at least 200 MB for a 200 MB hog, with peak memory and statistics', async () => {
      const pm = manager();
      await pm.spawn(agentSpec('memory-hog.mjs', { id: 'hog', env: { HOG_MB: '200' } }));
      await nextEvent(
        pm,
        (e): e is ProcessEvent => e.type === 'resources' && e.id === 'hog' && e.memoryBytes >= 200 * MB,
        60_000,
      );
      const info = pm.get('hog')!;
      expect(info.resources.memoryBytes).toBeGreaterThanOrEqual(200 * MB);
      expect(info.resources.peakMemoryBytes).toBeGreaterThanOrEqual(info.resources.memoryBytes);
      expect(info.resources.cpuTimeMs).toBeGreaterThan(0);
      const stats = pm.getStatistics();
      expect(stats.totalMemoryBytes).toBeGreaterThanOrEqual(200 * MB);
      expect(stats).toMatchObject({ activeProcesses: 1, totalSpawned: 1, totalReady: 1, failed: 0 });
    }, 90_000);

    it('stops an agent over its memory limit with RESOURCE_LIMIT_EXCEEDED naming limit and value', async () => {
      const pm = manager({ enableCgroups: false });
      const limitHit = nextEvent(pm, isLimit);
      await pm.spawn(
        agentSpec('memory-hog.mjs', { id: 'mem', env: { HOG_MB: '200' }, limits: { maxMemoryBytes: 120 * MB } }),
      );
      const e = await limitHit;
      expect(e).toMatchObject({ id: 'mem', limit: 'memory', max: 120 * MB });
      expect(e.value).toBeGreaterThan(120 * MB);
      await pm.getHandle('mem')?.exited;
      const info = pm.get('mem')!;
      expect(info.state).toBe('failed');
      expect(info.failure).toMatchObject({
        code: 'RESOURCE_LIMIT_EXCEEDED',
        agentId: 'mem',
        data: { limit: 'memory', max: 120 * MB },
      });
      expect(pm.getStatistics().limitExceeded.memory).toBe(1);
    });

    it.runIf(process.platform === 'linux')(
      'caps memory in a cgroup where one is writable, still as RESOURCE_LIMIT_EXCEEDED',
      async (ctx) => {
        const pm = manager();
        const caps = await pm.platform();
        if (!caps.cgroup?.memoryParent) ctx.skip();
        const h = await pm.spawn(
          agentSpec('memory-hog.mjs', { id: 'cg', env: { HOG_MB: '300' }, limits: { maxMemoryBytes: 100 * MB } }),
        );
        expect(h.isolation.cgroup?.memoryMaxBytes).toBe(100 * MB);
        await h.exited;
        expect(pm.get('cg')?.failure).toMatchObject({ code: 'RESOURCE_LIMIT_EXCEEDED', data: { limit: 'memory' } });
      },
    );

    it('stops an agent over its CPU limit for the sustained window', async () => {
      // A low limit: on a loaded machine (load 15 on 2 cores) the hog still gets more than 3 % of a core.
      const pm = manager({ limits: { cpuLimitPercent: 3, cpuLimitWindowMs: 1_000 } });
      const limitHit = nextEvent(pm, isLimit, 100_000);
      await pm.spawn(agentSpec('cpu-hog.mjs', { id: 'cpu' }));
      const e = await limitHit;
      expect(e).toMatchObject({ id: 'cpu', limit: 'cpu', max: 3 });
      expect(e.value).toBeGreaterThan(3);
      await pm.getHandle('cpu')?.exited;
      expect(pm.get('cpu')?.failure?.code).toBe('RESOURCE_LIMIT_EXCEEDED');
    }, 120_000);

    it('caps file descriptors with an rlimit', async () => {
      const pm = manager();
      const caps = await pm.platform();
      const h = await pm.spawn(agentSpec('fd-hog.mjs', { id: 'fd', limits: { maxFileDescriptors: 200 } }));
      expect(h.isolation.fdLimit).toBe(caps.fdLimit ? 200 : null);
      const line = await waitForLog(pm, 'fd', /^opened/);
      const opened = Number(/opened (\d+)/.exec(line)?.[1]);
      expect(line).toContain('EMFILE');
      expect(opened).toBeLessThan(200);
    });

    it('stops an agent whose output exceeds maxOutputSizeBytes', async () => {
      const pm = manager();
      const limitHit = nextEvent(pm, isLimit);
      await pm.spawn(agentSpec('stdout-flood.mjs', { id: 'flood', limits: { maxOutputSizeBytes: MB } }));
      const e = await limitHit;
      expect(e).toMatchObject({ id: 'flood', limit: 'output', max: MB });
      expect(e.value).toBeGreaterThan(MB);
      await pm.getHandle('flood')?.exited;
      expect(pm.get('flood')?.state).toBe('failed');
    });
  });
});

async function waitForLog(pm: ReturnType<typeof manager>, id: string, re: RegExp): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = pm.logs(id).find((l) => re.test(l));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no log line ${re} from ${id}: ${pm.logs(id).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('ProcessManager output limit', () => {
  it('counts output per window: an agent under the rate lives past many times its budget', async () => {
    const pm = manager();
    let limitHit = false;
    pm.subscribe((e) => void (e.type === 'limit-exceeded' && (limitHit = true)));
    // 128 KiB per 500 ms allowed; the agent writes 4 KiB per 50 ms (80 KiB/s, a third of the rate), 512 KiB in all.
    const done = nextEvent(
      pm,
      (e): e is ProcessEvent => e.type === 'log' && e.id === 'steady' && e.line === 'done',
      120_000,
    );
    await pm.spawn(
      agentSpec('stderr-writer.mjs', {
        id: 'steady',
        env: { STDERR_CHUNK: '4096', STDERR_TICK_MS: '50', STDERR_TOTAL: String(512 * 1024) },
        limits: { maxOutputSizeBytes: 128 * 1024, outputWindowMs: 500 },
      }),
    );
    await done;
    expect(limitHit).toBe(false);
    expect(pm.get('steady')?.state).toBe('ready');
    expect(pm.get('steady')?.outputBytes).toBeGreaterThan(512 * 1024);
  }, 150_000);

  it('splits stderr by bytes: a 60 000-byte line is kept whole, a 120 000-byte line is dropped with a note', async () => {
    const pm = manager();
    const done = nextEvent(pm, (e): e is ProcessEvent => e.type === 'log' && e.id === 'utf8' && e.line === 'done');
    await pm.spawn(agentSpec('stderr-writer.mjs', { id: 'utf8', env: { STDERR_TOTAL: '0', STDERR_UTF8: '1' } }));
    await done;
    const logs = pm.logs('utf8');
    expect(logs).toContain('€'.repeat(20_000));
    expect(logs.some((l) => l.startsWith('€'.repeat(20_001)))).toBe(false);
    expect(logs.some((l) => /stderr line over 65536 bytes was dropped/.test(l))).toBe(true);
  });

  it('merges a spec that sets one limit over the manager limits field by field', async () => {
    const pm = manager({ limits: { maxMemoryBytes: 256 * MB, maxOutputSizeBytes: 3 * MB } });
    await pm.spawn(agentSpec('well-behaved.mjs', { id: 'partial', limits: { maxFileDescriptors: 200 } }));
    expect(pm.get('partial')?.limits).toMatchObject({
      maxMemoryBytes: 256 * MB,
      maxOutputSizeBytes: 3 * MB,
      maxFileDescriptors: 200,
    });
  });
});
