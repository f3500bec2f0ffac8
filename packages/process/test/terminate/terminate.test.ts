import { describe, expect, it } from 'vitest';
import { listDescendants } from '../../../../tools/vitest/descendants.js';
import { agentSpec, manager, pidAlive } from '../helpers.js';

async function treeOf(pid: number, atLeast: number): Promise<number[]> {
  const deadline = Date.now() + 5_000;
  let pids: number[] = [];
  while (Date.now() < deadline) {
    pids = [pid, ...listDescendants(pid).map((p) => p.pid)];
    if (pids.length >= atLeast) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return pids;
}

describe('ProcessManager', () => {
  describe('terminate', () => {
    it('ends the agent cleanly and leaves no process of its tree, grandchildren included', async () => {
      const pm = manager();
      const h = await pm.spawn(agentSpec('grandchildren.mjs', { id: 'tree' }));
      const caps = await pm.platform();
      // Without a PID namespace the setsid grandchild leaves the group; it is still found by the tree walk.
      const tree = await treeOf(pm.get('tree')!.groupPid, 3);
      expect(tree.length).toBeGreaterThanOrEqual(3);
      const exit = await pm.terminate('tree');
      expect(exit.reason).toBe('terminated');
      expect(pm.get('tree')?.state).toBe('terminated');
      await new Promise((r) => setTimeout(r, caps.pidNamespace === 'none' ? 300 : 100));
      expect(tree.filter(pidAlive)).toEqual([]);
      await expect(h.exited).resolves.toEqual(exit);
    });

    it('escalates to SIGKILL after the grace period', async () => {
      const pm = manager({ heartbeatTimeout: 60_000 });
      await pm.spawn(agentSpec('ignores-sigterm.mjs', { id: 'stubborn' }));
      const exit = await pm.terminate('stubborn', { gracePeriod: 300 });
      expect(exit.signal).toBe('SIGKILL');
      expect(pm.logs('stubborn')).toContain('ignoring SIGTERM');
    });

    it('runs concurrent terminations independently and terminateAll ends everything', async () => {
      const pm = manager({ heartbeatTimeout: 60_000 });
      await pm.spawn(agentSpec('ignores-sigterm.mjs', { id: 'slow' }));
      await pm.spawn(agentSpec('well-behaved.mjs', { id: 'fast' }));
      await pm.spawn(agentSpec('well-behaved.mjs', { id: 'other' }));
      const slow = pm.terminate('slow', { gracePeriod: 3_000 });
      await pm.terminate('fast');
      expect(pm.get('slow')?.state).toBe('shutting_down');
      expect(pm.terminate('slow')).toStrictEqual(slow);
      await pm.terminateAll({ gracePeriod: 100 });
      expect(
        pm
          .list()
          .map((a) => a.state)
          .sort(),
      ).toEqual(['terminated', 'terminated', 'terminated']);
      expect(pm.getStatistics()).toMatchObject({ activeProcesses: 0, terminated: 3 });
    });

    it('rejects an unknown agent with AGENT_NOT_FOUND', async () => {
      await expect(manager().terminate('nobody')).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND' });
    });
  });
});
