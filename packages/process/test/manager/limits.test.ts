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
      const deadline = Date.now() + 10_000;
      while ((pm.get('hog')?.resources.memoryBytes ?? 0) < 200 * MB && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const info = pm.get('hog')!;
      expect(info.resources.memoryBytes).toBeGreaterThanOrEqual(200 * MB);
      expect(info.resources.peakMemoryBytes).toBeGreaterThanOrEqual(info.resources.memoryBytes);
      expect(info.resources.cpuTimeMs).toBeGreaterThan(0);
      const stats = pm.getStatistics();
      expect(stats.totalMemoryBytes).toBeGreaterThanOrEqual(200 * MB);
      expect(stats).toMatchObject({ activeProcesses: 1, totalSpawned: 1, totalReady: 1, failed: 0 });
    });

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
      const pm = manager({ limits: { cpuLimitPercent: 30, cpuLimitWindowMs: 1_000 } });
      const limitHit = nextEvent(pm, isLimit, 15_000);
      await pm.spawn(agentSpec('cpu-hog.mjs', { id: 'cpu' }));
      const e = await limitHit;
      expect(e).toMatchObject({ id: 'cpu', limit: 'cpu', max: 30 });
      expect(e.value).toBeGreaterThan(30);
      await pm.getHandle('cpu')?.exited;
      expect(pm.get('cpu')?.failure?.code).toBe('RESOURCE_LIMIT_EXCEEDED');
    });

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
