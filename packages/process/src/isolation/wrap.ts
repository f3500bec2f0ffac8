import { bwrapArgs, PID_NAMESPACE_INIT, type SandboxPolicy, type SandboxSupport } from '@axon/sandbox';
import type { AgentCgroup } from './cgroup.js';
import type { IsolationReport, PlatformCapabilities, SandboxReport } from './report.js';

/** The command line that actually gets spawned, and how to find the agent inside it. */
export interface WrappedCommand {
  file: string;
  args: string[];
  /** Wrapper levels between the spawned pid and the agent: 0 = the spawned pid is the agent (exec chain). */
  depth: 0 | 2;
  isolation: IsolationReport;
}

const ULIMIT = 'ulimit -n "$1" 2>/dev/null || echo "axon: cannot cap open files at $1" >&2; shift;';

/** A sandbox to run the agent in: the policy, what the probe found, and the proxy socket for allowlists. */
export interface SandboxPlan {
  policy: SandboxPolicy;
  support: SandboxSupport;
  proxySocket?: string;
}

/** Options of {@link wrapCommand}. */
export interface WrapOptions {
  command: string;
  args: string[];
  /** The agent's working directory (its workspace in a sandbox). */
  cwd: string;
  enabled: boolean;
  caps: PlatformCapabilities;
  fdLimit: number;
  maxProcesses: number;
  cgroup: AgentCgroup | null;
  sandbox: SandboxPlan | null;
}

type Enforcement = IsolationReport['enforcement'];

// What actually holds each limit, from what was written and took (never from what was asked for).
function enforcement(o: WrapOptions, fd: number | null, nproc: number | null, why: string): Enforcement {
  const cg = o.cgroup;
  const cgNote = (what: string) => cg?.notEnforced.find((n) => n.startsWith(what)) ?? null;
  const memory =
    cg?.memoryMaxBytes != null
      ? `kernel: cgroup v${cg.version} memory cap ${cg.memoryMaxBytes} bytes (also sampled)`
      : `sampled: RSS of the tree each sampling interval, no kernel cap (${cgNote('memory') ?? why})`;
  const caps = [
    ...(cg?.pidsMax != null ? [`cgroup v${cg.version} pids cap ${cg.pidsMax}`] : []),
    ...(nproc !== null ? [`RLIMIT_NPROC ${nproc} in the sandbox's user namespace`] : []),
  ];
  const processes =
    caps.length > 0
      ? `kernel: ${caps.join('; ')}`
      : `not enforced: ${cgNote('processes')?.replace(/^processes not enforced: /, '') ?? why}`;
  const openFiles =
    fd !== null
      ? `kernel: RLIMIT_NOFILE ${fd} per process`
      : `not enforced: ${o.enabled || o.sandbox ? 'no rlimit tool (sh ulimit, prlimit)' : 'isolation disabled by configuration'}`;
  return { memory, processes, openFiles };
}

function cgroupWhy(o: WrapOptions): string {
  if (!o.enabled) return 'isolation disabled by configuration';
  if (o.cgroup) return 'cgroup created without this controller';
  return o.caps.cgroup ? 'cgroups disabled by configuration or the cgroup could not be created' : 'no writable cgroup';
}

function cgroupSummary(cg: AgentCgroup | null): IsolationReport['cgroup'] {
  return cg ? { version: cg.version, paths: cg.paths, memoryMaxBytes: cg.memoryMaxBytes, pidsMax: cg.pidsMax } : null;
}

/**
 * Shell code that puts the shell into each cgroup of the agent unless it is in already — the runtime writes the
 * spawned pid into every `cgroup.procs` as soon as the process exists, so the kernel's migration (which waits for an
 * RCU grace period, ~10 ms on cgroup v1) overlaps the wrappers' start instead of following it. Whether the runtime
 * was in time (its write moves the spawned process, not children it already forked) is read from the file itself:
 * it lists pids as seen from the reader's PID namespace, so `$$` is found there exactly when this shell is a member.
 * Either way the shell is in every cgroup before it runs the agent; a failed join is reported on stderr.
 */
export function cgroupJoinScript(procsFiles: readonly string[]): string {
  const files = procsFiles.map((f) => `'${f}'`).join(' ');
  return (
    `j=1; for f in ${files}; do m=; while read -r p; do [ "$p" = $$ ] && m=1; done < "$f"; ` +
    `[ -n "$m" ] || echo 0 > "$f" || j=; done 2>/dev/null; [ -n "$j" ] || echo "axon: cannot join cgroup" >&2; `
  );
}

/** Wraps `command args` in bubblewrap per the plan, the cgroup joined outside (bwrap hides cgroupfs). */
function wrapSandboxed(o: WrapOptions, plan: SandboxPlan, notes: string[]): WrappedCommand {
  const { policy, support } = plan;
  const isRoot = process.getuid?.() === 0;
  const hostUid = isRoot && policy.hostUser ? policy.hostUser.uid : (process.getuid?.() ?? 0);
  // The kernel exempts processes of host uid 0 from RLIMIT_NPROC: it only holds when the sandbox maps elsewhere.
  const nprocHolds = support.prlimit && hostUid !== 0;
  const fd = support.prlimit ? o.fdLimit : null;
  let argv = bwrapArgs({
    bwrap: support.bwrap!,
    policy,
    cwd: o.cwd,
    argv: [o.command, ...o.args],
    fdLimit: fd,
    maxProcesses: support.prlimit ? o.maxProcesses : null,
    ...(plan.proxySocket !== undefined && { proxySocket: plan.proxySocket }),
  });
  if (o.cgroup) argv = ['/bin/sh', '-c', `${cgroupJoinScript(o.cgroup.procsFiles)}exec "$@"`, 'axon-cgroup', ...argv];
  const why =
    hostUid === 0 ? 'no pids cgroup, and the sandbox maps to host root, which RLIMIT_NPROC exempts' : cgroupWhy(o);
  if (!support.prlimit) notes.push('prlimit missing: no rlimits inside the sandbox.');
  const sandbox: SandboxReport = {
    network: policy.network === 'none' ? 'none' : [...policy.network.allow],
    uid: policy.uid,
    hostUid,
    read: [...policy.filesystem.read],
    write: [...(policy.filesystem.workspace === 'write' ? [o.cwd] : []), ...policy.filesystem.write],
  };
  return {
    file: argv[0]!,
    args: argv.slice(1),
    depth: 2,
    isolation: {
      level: 'full',
      processGroup: true,
      parentDeathSignal: true,
      pidNamespace: 'user',
      fdLimit: fd,
      cgroup: cgroupSummary(o.cgroup),
      sandbox,
      enforcement: enforcement(o, fd, nprocHolds ? o.maxProcesses : null, why),
      notes,
    },
  };
}

/** Wraps `command args` in the isolation this platform offers (see docs/limits-and-isolation.md). */
export function wrapCommand(opts: WrapOptions): WrappedCommand {
  const { command, args, caps } = opts;
  const notes = [...caps.notes];
  if (opts.sandbox) return wrapSandboxed(opts, opts.sandbox, notes);
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
        sandbox: null,
        enforcement: enforcement(opts, null, null, cgroupWhy(opts)),
        notes,
      },
    };
  }
  const pidns = caps.pidNamespaceFlags.length > 0;
  const fd = caps.fdLimit ? opts.fdLimit : null;
  // Innermost, one shell: join the cgroup (see cgroupJoinScript), set the rlimit,
  // then either exec the agent or (in a PID namespace) run it as init. Everything the agent forks is charged to the
  // cgroup (the `unshare` wrapper too when the runtime's early write was in time; a wrapper's usage is never counted
  // as the agent's). One shell
  // instead of a separate outer one for the cgroup saves an exec on every spawn. Inside a user namespace the join
  // might be refused, so there an outer shell joins before `unshare`, as the outermost wrapper.
  const joinOutside = opts.cgroup !== null && caps.pidNamespace === 'user';
  const joinCmd = opts.cgroup ? cgroupJoinScript(opts.cgroup.procsFiles) : '';
  const script =
    (joinOutside ? '' : joinCmd) + (fd !== null ? ULIMIT : '') + (pidns ? PID_NAMESPACE_INIT : 'exec "$@"');
  let argv = ['/bin/sh', '-c', script, 'axon-agent', ...(fd !== null ? [String(fd)] : []), command, ...args];
  if (pidns) argv = ['unshare', ...caps.pidNamespaceFlags, '--', ...argv];
  if (caps.pdeathsig) argv = ['setpriv', '--pdeathsig', 'KILL', '--', ...argv];
  if (joinOutside) argv = ['/bin/sh', '-c', `${joinCmd}exec "$@"`, 'axon-cgroup', ...argv];
  const full = caps.pdeathsig && pidns;
  if (opts.cgroup && process.getuid?.() === 0)
    notes.push('The agent runs unsandboxed as root with cgroupfs writable: it could move itself out of its cgroup.');
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
      cgroup: cgroupSummary(opts.cgroup),
      sandbox: null,
      enforcement: enforcement(opts, fd, null, cgroupWhy(opts)),
      notes,
    },
  };
}
