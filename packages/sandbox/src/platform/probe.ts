import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What this machine offers for sandboxing, found by actually starting a sandbox once. */
export interface SandboxSupport {
  /** True when a sandboxed process can be started here. */
  available: boolean;
  /** The bubblewrap executable, or null. */
  bwrap: string | null;
  /** `prlimit` (util-linux) is there: rlimits (open files, processes) are set inside the sandbox. */
  prlimit: boolean;
  /** When unavailable: what is missing and what to do, one sentence. */
  missing: string | null;
  /** What is and is not supported on this platform (for `axon doctor`). */
  notes: string[];
}

function which(name: string): string | null {
  for (const dir of (process.env.PATH || '/usr/bin:/bin').split(delimiter)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      /* next */
    }
  }
  return null;
}

function run(file: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 10_000, env: { PATH: '/usr/bin:/bin' } }, (err, _out, stderr) =>
      resolve(err ? stderr.trim().split('\n')[0] || err.message : null),
    );
  });
}

const MAC_NOTE =
  'macOS: no sandbox (bubblewrap is Linux-only and sandbox-exec is deprecated); agents get process groups and rlimits only, and a sandboxed spawn is refused.';

/** Probes bubblewrap with the namespaces a sandbox needs (user, PID, IPC, UTS, network). */
export async function probeSandbox(): Promise<SandboxSupport> {
  if (process.platform !== 'linux') {
    const missing =
      process.platform === 'darwin'
        ? MAC_NOTE
        : `${process.platform}: sandboxing needs Linux with bubblewrap; a sandboxed spawn is refused.`;
    return { available: false, bwrap: null, prlimit: false, missing, notes: [missing] };
  }
  const bwrap = which('bwrap');
  const prlimit = which('prlimit') !== null;
  const notes: string[] = [];
  if (!prlimit)
    notes.push('`prlimit` (util-linux) missing: open-file and process-count rlimits are not set inside sandboxes.');
  if (!bwrap) {
    const missing = 'bubblewrap (`bwrap`) is not installed: install it (Debian/Ubuntu: apt-get install bubblewrap).';
    return { available: false, bwrap: null, prlimit, missing, notes: [missing, ...notes] };
  }
  const err = await run(bwrap, [
    '--unshare-user',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-net',
    '--die-with-parent',
    '--cap-drop',
    'ALL',
    '--uid',
    '65534',
    '--gid',
    '65534',
    '--ro-bind',
    '/',
    '/',
    '--proc',
    '/proc',
    '--',
    'true',
  ]);
  if (err !== null) {
    const missing = `bubblewrap cannot create user/PID/network namespaces here (${err}): enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0) or allow them in the container.`;
    return { available: false, bwrap, prlimit, missing, notes: [missing, ...notes] };
  }
  return { available: true, bwrap, prlimit, missing: null, notes };
}

let cached: Promise<SandboxSupport> | undefined;

/** {@link probeSandbox}, run once per process and shared. */
export function sandboxSupport(): Promise<SandboxSupport> {
  cached ??= probeSandbox();
  return cached;
}
