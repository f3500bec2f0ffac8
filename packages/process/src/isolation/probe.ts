import { execFile } from 'node:child_process';
import { containment, sandboxSupport } from '@axon/sandbox';
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
  const [contained, cgroup] = await Promise.all([containment(), probeCgroups()]);
  notes.push(...contained.notes);
  const { pdeathsig, pidNamespace, pidNamespaceFlags } = contained;
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
