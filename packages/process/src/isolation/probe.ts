import { execFile } from 'node:child_process';
import { sandboxSupport } from '@axon/sandbox';
import { probeCgroups } from './cgroup.js';
import type { PlatformCapabilities } from './report.js';

function works(cmd: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 5_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }, (err) => resolve(!err));
  });
}

/** Probes the platform by running each mechanism once (a real `true` under it). */
export async function probePlatform(): Promise<PlatformCapabilities> {
  const notes: string[] = [];
  const [fdLimit, sandbox] = await Promise.all([works('/bin/sh', ['-c', 'ulimit -n 256']), sandboxSupport()]);
  const sandboxCaps = { available: sandbox.available, missing: sandbox.missing };
  if (!fdLimit) notes.push('`sh -c "ulimit -n"` failed: file descriptors are not capped.');
  if (process.platform !== 'linux') {
    notes.push(
      `${process.platform}: no parent-death signal, PID namespace nor cgroups; agents are process-group leaders only.`,
    );
    return {
      platform: process.platform,
      pdeathsig: false,
      pidNamespaceFlags: [],
      pidNamespace: 'none',
      fdLimit,
      cgroup: null,
      sandbox: sandboxCaps,
      notes,
    };
  }
  const ns = ['--pid', '--fork', '--kill-child'];
  const [pdeathsig, nsRoot, nsUser, cgroup] = await Promise.all([
    works('setpriv', ['--pdeathsig', 'KILL', '--', 'true']),
    works('unshare', [...ns, '--', 'true']),
    works('unshare', ['--user', '--map-root-user', ...ns, '--', 'true']),
    probeCgroups(),
  ]);
  if (!pdeathsig) notes.push('`setpriv --pdeathsig` unavailable (util-linux): agents may outlive a SIGKILLed runtime.');
  let pidNamespace: PlatformCapabilities['pidNamespace'] = 'none';
  let pidNamespaceFlags: string[] = [];
  if (nsRoot) {
    pidNamespace = 'root';
    pidNamespaceFlags = ns;
  } else if (nsUser) {
    pidNamespace = 'user';
    pidNamespaceFlags = ['--user', '--map-root-user', ...ns];
  } else {
    notes.push(
      '`unshare --pid` failed (not root, no unprivileged user namespaces): grandchildren that leave the process group may outlive their agent.',
    );
  }
  if (!cgroup.caps) notes.push(cgroup.note);
  if (cgroup.caps && cgroup.note) notes.push(cgroup.note);
  return {
    platform: 'linux',
    pdeathsig,
    pidNamespaceFlags,
    pidNamespace,
    fdLimit,
    cgroup: cgroup.caps,
    sandbox: sandboxCaps,
    notes,
  };
}

let cached: Promise<PlatformCapabilities> | undefined;

/** {@link probePlatform}, run once per process and shared. */
export function platformCapabilities(): Promise<PlatformCapabilities> {
  cached ??= probePlatform();
  return cached;
}
