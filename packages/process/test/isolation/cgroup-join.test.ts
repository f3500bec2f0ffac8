import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agentSpec, manager } from '../helpers.js';

// The cgroup paths (relative to each hierarchy's root) a process is in, from /proc/<pid>/cgroup.
function cgroupsOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cgroup`, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(':').slice(2).join(':'));
}

describe('isolation', () => {
  // The manager's early write and the wrapper shell's own join race; whichever wins, the agent and what it forks
  // must be in every cgroup of the agent before it runs.
  it('puts the agent and its grandchildren in each of its cgroups', async (ctx) => {
    const pm = manager();
    if ((await pm.platform()).cgroup === null) ctx.skip();
    const h = await pm.spawn(agentSpec('grandchildren.mjs', { id: 'joined' }));
    // Below a PID-namespace init the agent's own pid is found right after Ready.
    if (h.isolation.pidNamespace !== 'none')
      while (h.pid === pm.get('joined')!.groupPid) await new Promise((r) => setTimeout(r, 20));
    const paths = h.isolation.cgroup?.paths ?? [];
    expect(paths.length).toBeGreaterThan(0);
    // The agent program itself (found below the wrappers) and every process its cgroup lists.
    const procs = readFileSync(`${paths[0]}/cgroup.procs`, 'utf8').trim().split('\n').map(Number);
    expect(procs).toContain(h.pid);
    for (const pid of [h.pid, ...procs]) {
      const mine = cgroupsOf(pid);
      for (const path of paths) expect(mine.some((rel) => rel !== '/' && path.endsWith(rel))).toBe(true);
    }
    // Both grandchildren (one left the process group with setsid) besides the agent and its init.
    expect(procs.length).toBeGreaterThanOrEqual(3);
  });
});
