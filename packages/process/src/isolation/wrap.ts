import type { AgentCgroup } from './cgroup.js';
import type { IsolationReport, PlatformCapabilities } from './report.js';

/** The command line that actually gets spawned, and how to find the agent inside it. */
export interface WrappedCommand {
  file: string;
  args: string[];
  /** Wrapper levels between the spawned pid and the agent: 0 = the spawned pid is the agent (exec chain). */
  depth: 0 | 2;
  isolation: IsolationReport;
}

// PID 1 of a namespace ignores signals it has no handler for and must reap orphans, so the agent is not made
// PID 1: this tiny init (the shell) runs it as a child and waits; SIGTERM to the group still reaches the agent.
// fd 3 carries stdin past the shell's rule that background jobs read /dev/null.
const INIT = 'exec 3<&0; "$@" <&3 3<&- & wait $!';
const ULIMIT = 'ulimit -n "$1" 2>/dev/null || echo "axon: cannot cap open files at $1" >&2; shift;';

/** Wraps `command args` in the isolation this platform offers (see docs/limits-and-isolation.md). */
export function wrapCommand(opts: {
  command: string;
  args: string[];
  enabled: boolean;
  caps: PlatformCapabilities;
  fdLimit: number;
  cgroup: AgentCgroup | null;
}): WrappedCommand {
  const { command, args, caps } = opts;
  const notes = [...caps.notes];
  if (!opts.enabled || process.platform === 'win32') {
    if (!opts.enabled) notes.push('Isolation disabled by configuration.');
    return {
      file: command,
      args,
      depth: 0,
      isolation: {
        level: 'none',
        processGroup: process.platform !== 'win32',
        parentDeathSignal: false,
        pidNamespace: 'none',
        fdLimit: null,
        cgroup: null,
        notes,
      },
    };
  }
  const pidns = caps.pidNamespaceFlags.length > 0;
  const fd = caps.fdLimit ? opts.fdLimit : null;
  // Innermost, one shell: join the cgroup (`0` = the writing process, whatever its PID namespace), set the rlimit,
  // then either exec the agent or (in a PID namespace) run it as init. Everything the agent forks is charged to the
  // cgroup; only the `unshare` process outside the namespace is not, and it is a wrapper, not the agent. One shell
  // instead of a separate outer one for the cgroup saves an exec on every spawn. Inside a user namespace the join
  // might be refused, so there an outer shell joins before `unshare`, as the outermost wrapper.
  const joinOutside = opts.cgroup !== null && caps.pidNamespace === 'user';
  const joinCmd = (who: string) =>
    opts.cgroup
      ? `{ ${opts.cgroup.procsFiles.map((f) => `echo ${who} > '${f}'`).join(' && ')}; } 2>/dev/null || echo "axon: cannot join cgroup" >&2; `
      : '';
  const script = (joinOutside ? '' : joinCmd('0')) + (fd !== null ? ULIMIT : '') + (pidns ? INIT : 'exec "$@"');
  let argv = ['/bin/sh', '-c', script, 'axon-agent', ...(fd !== null ? [String(fd)] : []), command, ...args];
  if (pidns) argv = ['unshare', ...caps.pidNamespaceFlags, '--', ...argv];
  if (caps.pdeathsig) argv = ['setpriv', '--pdeathsig', 'KILL', '--', ...argv];
  if (joinOutside) argv = ['/bin/sh', '-c', `${joinCmd('$$')}exec "$@"`, 'axon-cgroup', ...argv];
  const full = caps.pdeathsig && pidns;
  return {
    file: argv[0]!,
    args: argv.slice(1),
    depth: pidns ? 2 : 0,
    isolation: {
      level: full ? 'full' : 'partial',
      processGroup: true,
      parentDeathSignal: caps.pdeathsig,
      pidNamespace: caps.pidNamespace,
      fdLimit: fd,
      cgroup: opts.cgroup
        ? {
            version: opts.cgroup.version,
            paths: opts.cgroup.paths,
            memoryMaxBytes: opts.cgroup.memoryMaxBytes,
            pidsMax: opts.cgroup.pidsMax,
          }
        : null,
      notes,
    },
  };
}
