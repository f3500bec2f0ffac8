import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCgroupPids, readProc, readSmallFile } from '../../src/resources/proc-scan.js';
import { agentSpec, manager } from '../helpers.js';

async function until<T>(probe: () => T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('resource sampling', () => {
  it('parses cgroup.procs, also past the 4 KiB read buffer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-procs-'));
    try {
      const pids = Array.from({ length: 2000 }, (_, i) => 100_000 + i);
      writeFileSync(join(dir, 'cgroup.procs'), pids.join('\n') + '\n');
      expect(readCgroupPids(join(dir, 'cgroup.procs'))).toEqual(pids);
      writeFileSync(join(dir, 'empty'), '');
      expect(readCgroupPids(join(dir, 'empty'))).toEqual([]);
      expect(readSmallFile(join(dir, 'missing'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(process.platform === 'linux')(
    'reads one process from /proc, and nothing for a pid that does not exist',
    () => {
      expect(readProc(process.pid)).toMatchObject({ pid: process.pid, ppid: process.ppid });
      expect(readProc(2 ** 30)).toBeUndefined();
    },
  );

  // With a cgroup the sampler reads the agent's cgroup.procs; without, it scans /proc. Either way the whole tree
  // counts: the agent and both grandchildren, the one that left the process group with setsid included.
  it.each([true, false])('counts the agent and its grandchildren (enableCgroups: %s)', async (enableCgroups) => {
    const pm = manager({ enableCgroups });
    const h = await pm.spawn(agentSpec('grandchildren.mjs', { id: 'tree' }));
    expect(h.isolation.cgroup !== null).toBe(
      enableCgroups && (await pm.platform()).cgroup !== null && h.isolation.level !== 'none',
    );
    // Exactly 3 once the isolation wrappers (found right after Ready) are excluded, and the grandchildren's memory
    // counted once they have loaded Node (a sample may see them just started).
    let last = pm.get('tree')!.resources;
    const r = await until(() => {
      last = pm.get('tree')!.resources;
      return last.processCount === 3 && last.memoryBytes > 3 * 10 * 1024 * 1024 ? last : undefined;
    }, 8_000).catch(() => last);
    expect(r.processCount).toBe(3);
    expect(r.memoryBytes).toBeGreaterThan(3 * 10 * 1024 * 1024);
  });
});
