import { execFile } from 'node:child_process';

/** The Linux mechanisms that keep a child (and what it spawns) from outliving its parent, as probed here. */
export interface Containment {
  /** `setpriv --pdeathsig KILL` works: the child is SIGKILLed when its parent dies. */
  pdeathsig: boolean;
  /** PID namespace: `root` (privileged), `user` (inside an unprivileged user namespace) or `none`. */
  pidNamespace: 'root' | 'user' | 'none';
  /** The `unshare` flags that give the PID namespace (`[]` when none works). */
  pidNamespaceFlags: string[];
  /** Why a mechanism is missing, one sentence each. */
  notes: string[];
}

function works(cmd: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 5_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }, (err) => resolve(!err));
  });
}

const NS = ['--pid', '--fork', '--kill-child'];

/** Tries `setpriv --pdeathsig` and `unshare --pid` (as is, then in a user namespace) once each, for real. */
export async function probeContainment(): Promise<Containment> {
  if (process.platform !== 'linux')
    return {
      pdeathsig: false,
      pidNamespace: 'none',
      pidNamespaceFlags: [],
      notes: [
        `${process.platform}: no parent-death signal nor PID namespace; children are process-group leaders only.`,
      ],
    };
  const [pdeathsig, nsRoot, nsUser] = await Promise.all([
    works('setpriv', ['--pdeathsig', 'KILL', '--', 'true']),
    works('unshare', [...NS, '--', 'true']),
    works('unshare', ['--user', '--map-root-user', ...NS, '--', 'true']),
  ]);
  const notes: string[] = [];
  if (!pdeathsig)
    notes.push('`setpriv --pdeathsig` unavailable (util-linux): children may outlive a SIGKILLed runtime.');
  if (!nsRoot && !nsUser)
    notes.push(
      '`unshare --pid` failed (not root, no unprivileged user namespaces): grandchildren that leave the process group may outlive their parent.',
    );
  const pidNamespace = nsRoot ? 'root' : nsUser ? 'user' : 'none';
  const pidNamespaceFlags = nsRoot ? NS : nsUser ? ['--user', '--map-root-user', ...NS] : [];
  return { pdeathsig, pidNamespace, pidNamespaceFlags, notes };
}

let cached: Promise<Containment> | undefined;

/** {@link probeContainment}, run once per process and shared by agents and MCP servers. */
export function containment(): Promise<Containment> {
  cached ??= probeContainment();
  return cached;
}

/**
 * A tiny init for a PID namespace: PID 1 ignores signals it has no handler for and must reap orphans, so the program
 * is not made PID 1 but runs as the shell's child, which waits (a signal death comes back as exit code 128+n).
 * fd 3 carries stdin past the shell's rule that background jobs read /dev/null.
 */
export const PID_NAMESPACE_INIT = 'exec 3<&0; "$@" <&3 3<&- & wait $!';

/**
 * `argv` behind what `c` offers: `setpriv --pdeathsig KILL` (dies with its parent), then `unshare --pid --fork
 * --kill-child` with {@link PID_NAMESPACE_INIT} (everything it spawns dies with it; SIGTERM still reaches it).
 */
export function containArgv(argv: string[], c: Containment): string[] {
  let out = argv;
  if (c.pidNamespaceFlags.length > 0)
    out = ['unshare', ...c.pidNamespaceFlags, '--', '/bin/sh', '-c', PID_NAMESPACE_INIT, 'axon-init', ...out];
  if (c.pdeathsig) out = ['setpriv', '--pdeathsig', 'KILL', '--', ...out];
  return out;
}
