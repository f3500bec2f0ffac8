import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentCgroup } from '../../src/isolation/cgroup.js';
import type { PlatformCapabilities } from '../../src/isolation/report.js';
import { cgroupJoinScript, wrapCommand } from '../../src/isolation/wrap.js';

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
    expect(script.startsWith(cgroupJoinScript(cgroup.procsFiles))).toBe(true);
    expect(script).toContain("'/cg/axon-1/agent-a/cgroup.procs'");
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
    expect(w.args[1]).toBe(`${cgroupJoinScript(cgroup.procsFiles)}exec "$@"`);
    expect(w.args.slice(3, 5)).toEqual(['setpriv', '--pdeathsig']);
    expect(w.args.slice(5).join(' ')).not.toContain('cgroup.procs');
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

// The join's decision, run by a real shell against plain files standing in for cgroup.procs (writing `0` to a plain
// file leaves "0" in it, where the kernel would move the writer instead).
describe('cgroupJoinScript', () => {
  const dir = mkdtempSync(join(tmpdir(), 'axon-join-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sh = (script: string) => spawnSync('/bin/sh', ['-c', script], { encoding: 'utf8' });

  it('joins a cgroup that does not list the shell, and leaves one that does alone', () => {
    const other = join(dir, 'other.procs');
    const mine = join(dir, 'mine.procs');
    writeFileSync(other, '4242\n');
    // The shell lists itself in `mine` first, as the runtime's early write would have.
    const r = sh(`echo $$ > '${mine}'; echo 7 >> '${mine}'; ${cgroupJoinScript([other, mine])}head -1 '${mine}'`);
    expect(r.stderr).toBe('');
    expect(readFileSync(other, 'utf8')).toBe('0\n');
    expect(readFileSync(mine, 'utf8')).toBe(`${r.stdout.trim()}\n7\n`);
  });

  it('says so on stderr when a cgroup cannot be joined, and still runs what follows', () => {
    const r = sh(`${cgroupJoinScript([join(dir, 'missing', 'cgroup.procs')])}echo next`);
    expect(r.stderr).toBe('axon: cannot join cgroup\n');
    expect(r.stdout).toBe('next\n');
  });
});
