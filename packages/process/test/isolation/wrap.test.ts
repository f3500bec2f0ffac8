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
  sandbox: { available: true, missing: null },
  notes: [],
});
const cgroup: AgentCgroup = {
  version: 2,
  paths: ['/cg/axon-1/agent-a'],
  memoryMaxBytes: 1,
  pidsMax: 1,
  procsFiles: ['/cg/axon-1/agent-a/cgroup.procs'],
  notEnforced: [],
  oomKilled: () => false,
  maxUsageBytes: () => null,
  remove: () => undefined,
};

const base = {
  command: 'node',
  args: ['a.mjs'],
  cwd: '/ws',
  enabled: true,
  fdLimit: 64,
  maxProcesses: 32,
  sandbox: null,
};

describe('wrapCommand', () => {
  it('joins the cgroup from the innermost shell (one exec less) when the namespace needs no user namespace', () => {
    const w = wrapCommand({ ...base, caps: caps('root'), cgroup });
    expect(w.file).toBe('setpriv');
    const script = w.args[w.args.indexOf('-c') + 1]!;
    expect(script).toContain("echo 0 > '/cg/axon-1/agent-a/cgroup.procs'");
    expect(script.indexOf('echo 0')).toBeLessThan(script.indexOf('ulimit'));
    expect(w.args.slice(-3)).toEqual(['64', 'node', 'a.mjs']);
    expect(w.isolation).toMatchObject({ level: 'full', fdLimit: 64, cgroup: { paths: cgroup.paths } });
    expect(w.isolation.enforcement).toEqual({
      memory: 'kernel: cgroup v2 memory cap 1 bytes (also sampled)',
      processes: 'kernel: cgroup v2 pids cap 1',
      openFiles: 'kernel: RLIMIT_NOFILE 64 per process',
    });
  });

  it('reports a limit whose cgroup write failed as not enforced, with the reason', () => {
    const failed = {
      ...cgroup,
      pidsMax: null,
      notEnforced: ['processes not enforced: writing 32 to pids.max failed (EACCES)'],
    };
    const w = wrapCommand({ ...base, caps: caps('root'), cgroup: failed });
    expect(w.isolation.enforcement.processes).toBe('not enforced: writing 32 to pids.max failed (EACCES)');
  });

  it('joins from an outer shell, before unshare, in a user namespace', () => {
    const w = wrapCommand({ ...base, caps: caps('user'), cgroup });
    expect(w.file).toBe('/bin/sh');
    expect(w.args[1]).toContain("echo $$ > '/cg/axon-1/agent-a/cgroup.procs'");
    expect(w.args.slice(3, 5)).toEqual(['setpriv', '--pdeathsig']);
    expect(w.args.join(' ')).not.toContain('echo 0');
  });

  it('runs the command as is with isolation off', () => {
    const w = wrapCommand({
      ...base,
      enabled: false,
      caps: caps('root'),
      cgroup: null,
    });
    expect([w.file, ...w.args]).toEqual(['node', 'a.mjs']);
    expect(w.isolation.level).toBe('none');
    expect(w.isolation.enforcement.processes).toBe('not enforced: isolation disabled by configuration');
  });
});
