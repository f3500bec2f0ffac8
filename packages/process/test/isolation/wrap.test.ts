import { describe, expect, it } from 'vitest';
import type { AgentCgroup } from '../../src/isolation/cgroup.js';
import type { PlatformCapabilities } from '../../src/isolation/report.js';
import { wrapCommand } from '../../src/isolation/wrap.js';

const caps = (pidNamespace: 'root' | 'user'): PlatformCapabilities => ({
  platform: 'linux',
  pdeathsig: true,
  pidNamespaceFlags:
    pidNamespace === 'root'
      ? ['--pid', '--fork', '--kill-child']
      : ['--user', '--map-root-user', '--pid', '--fork', '--kill-child'],
  pidNamespace,
  fdLimit: true,
  cgroup: { version: 2, memoryParent: '/cg/axon-1', pidsParent: '/cg/axon-1' },
  notes: [],
});
const cgroup: AgentCgroup = {
  version: 2,
  paths: ['/cg/axon-1/agent-a'],
  memoryMaxBytes: 1,
  pidsMax: 1,
  procsFiles: ['/cg/axon-1/agent-a/cgroup.procs'],
  oomKilled: () => false,
  maxUsageBytes: () => null,
  remove: () => undefined,
};

describe('wrapCommand', () => {
  it('joins the cgroup from the innermost shell (one exec less) when the namespace needs no user namespace', () => {
    const w = wrapCommand({ command: 'node', args: ['a.mjs'], enabled: true, caps: caps('root'), fdLimit: 64, cgroup });
    expect(w.file).toBe('setpriv');
    const script = w.args[w.args.indexOf('-c') + 1]!;
    expect(script).toContain("echo 0 > '/cg/axon-1/agent-a/cgroup.procs'");
    expect(script.indexOf('echo 0')).toBeLessThan(script.indexOf('ulimit'));
    expect(w.args.slice(-3)).toEqual(['64', 'node', 'a.mjs']);
    expect(w.isolation).toMatchObject({ level: 'full', fdLimit: 64, cgroup: { paths: cgroup.paths } });
  });

  it('joins from an outer shell, before unshare, in a user namespace', () => {
    const w = wrapCommand({ command: 'node', args: ['a.mjs'], enabled: true, caps: caps('user'), fdLimit: 64, cgroup });
    expect(w.file).toBe('/bin/sh');
    expect(w.args[1]).toContain("echo $$ > '/cg/axon-1/agent-a/cgroup.procs'");
    expect(w.args.slice(3, 5)).toEqual(['setpriv', '--pdeathsig']);
    expect(w.args.join(' ')).not.toContain('echo 0');
  });

  it('runs the command as is with isolation off', () => {
    const w = wrapCommand({
      command: 'node',
      args: ['a.mjs'],
      enabled: false,
      caps: caps('root'),
      fdLimit: 64,
      cgroup: null,
    });
    expect([w.file, ...w.args]).toEqual(['node', 'a.mjs']);
    expect(w.isolation.level).toBe('none');
  });
});
