import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SandboxPolicy } from '../policy/schema.js';
import { BRIDGE_LAUNCH, BRIDGE_SOURCE, PROXY_PORT_INSIDE, PROXY_SOCKET_INSIDE } from '../network/bridge.js';

/** Top-level system directories mounted read-only (or recreated as the same symlink, on merged-/usr systems). */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/**
 * The files of `/etc` a program needs (users, name resolution, time zone, TLS roots, linker cache); the rest of
 * `/etc` (shadow, ssh host keys, credentials of services) stays invisible.
 */
const ETC_ENTRIES = [
  'passwd',
  'group',
  'hosts',
  'resolv.conf',
  'nsswitch.conf',
  'host.conf',
  'localtime',
  'timezone',
  'ssl',
  'ca-certificates',
  'ca-certificates.conf',
  'alternatives',
  'ld.so.cache',
  'ld.so.conf',
  'ld.so.conf.d',
  'os-release',
  'mime.types',
];

/** What {@link bwrapArgs} needs besides the policy. */
export interface BwrapArgsOptions {
  /** The bubblewrap executable. */
  bwrap: string;
  policy: SandboxPolicy;
  /** The workspace: mounted at the same path and made the working directory. */
  cwd: string;
  /** The command and its arguments, run inside. */
  argv: string[];
  /** Open files rlimit set inside (needs `prlimit`), or null. */
  fdLimit: number | null;
  /** Process-count rlimit set inside the sandbox's user namespace (needs `prlimit`), or null. */
  maxProcesses: number | null;
  /** Host path of the network proxy's unix socket (network allowlist only). */
  proxySocket?: string;
  /** `process.execPath`, run inside as the network bridge. Default this process's. */
  nodePath?: string;
}

function isUnder(path: string, dirs: readonly string[]): boolean {
  return dirs.some((d) => path === d || path.startsWith(`${d}/`));
}

function systemMounts(): string[] {
  const out: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    if (!existsSync(dir)) continue;
    const st = lstatSync(dir);
    if (st.isSymbolicLink()) out.push('--symlink', readlinkSync(dir), dir);
    else out.push('--ro-bind', dir, dir);
  }
  for (const name of ETC_ENTRIES) out.push('--ro-bind-try', `/etc/${name}`, `/etc/${name}`);
  return out;
}

/** A directory holding `file` that is not already visible (e.g. a Node.js outside /usr), or null. */
function extraDirOf(file: string): string | null {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return null;
  }
  if (isUnder(real, SYSTEM_DIRS)) return null;
  // …/bin/node → … (the Node.js installation with its lib/), anything else → its own directory.
  const dir = dirname(real);
  return dir.endsWith('/bin') ? dirname(dir) : dir;
}

/**
 * The full command line of a bubblewrap sandbox for `argv` under `policy`: new user, PID, IPC, UTS and network
 * namespaces, a fresh /proc, no /sys, every capability dropped, a non-root uid, killed with its parent.
 */
export function bwrapArgs(o: BwrapArgsOptions): string[] {
  const { policy } = o;
  const nodePath = o.nodePath ?? process.execPath;
  const args = [
    o.bwrap,
    '--unshare-user',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-net',
    '--unshare-cgroup-try',
    '--die-with-parent',
    '--cap-drop',
    'ALL',
    '--uid',
    String(policy.uid),
    '--gid',
    String(policy.uid),
    '--hostname',
    'axon-sandbox',
    ...systemMounts(),
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--tmpfs',
    '/tmp',
  ];
  const visible = new Set<string>();
  for (const extra of [extraDirOf(nodePath), o.argv[0] ? extraDirOf(o.argv[0]) : null])
    if (extra && !visible.has(extra)) {
      visible.add(extra);
      args.push('--ro-bind-try', extra, extra);
    }
  for (const p of policy.filesystem.read) args.push('--ro-bind-try', p, p);
  for (const p of policy.filesystem.write) args.push('--bind-try', p, p);
  args.push(policy.filesystem.workspace === 'write' ? '--bind' : '--ro-bind', o.cwd, o.cwd, '--chdir', o.cwd);
  let inner = o.argv;
  if (o.proxySocket !== undefined) {
    args.push('--ro-bind', o.proxySocket, PROXY_SOCKET_INSIDE);
    inner = ['/bin/sh', '-c', BRIDGE_LAUNCH, nodePath, BRIDGE_SOURCE, ...inner];
    args.push('--setenv', 'AXON_PROXY_PORT', String(PROXY_PORT_INSIDE));
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy'])
      args.push('--setenv', name, `http://127.0.0.1:${PROXY_PORT_INSIDE}`);
  }
  args.push('--setenv', 'TMPDIR', '/tmp');
  const limits = [
    ...(o.fdLimit !== null ? [`--nofile=${o.fdLimit}:${o.fdLimit}`] : []),
    ...(o.maxProcesses !== null ? [`--nproc=${o.maxProcesses}:${o.maxProcesses}`] : []),
  ];
  if (limits.length > 0) inner = ['prlimit', ...limits, '--', ...inner];
  args.push('--', ...inner);
  return policy.hostUser && process.getuid?.() === 0
    ? ['setpriv', `--reuid=${policy.hostUser.uid}`, `--regid=${policy.hostUser.gid}`, '--clear-groups', '--', ...args]
    : args;
}
