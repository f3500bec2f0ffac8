import type { EscapeAttempt } from '../types.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/** Processes: other processes' environments, the pids cap, cgroups, root. */
export const processes: EscapeAttempt[] = [
  {
    id: 'proc.environ',
    group: 'processes',
    title: "read /proc/*/environ of every visible pid (the runtime's secrets)",
    control: true,
    async run(ctx) {
      const needles = [...Object.keys(ctx.secrets).map((n) => `${n}=`), ...Object.values(ctx.secrets)];
      const r = (await ctx.attempt({ kind: 'environ', needles })) as {
        visiblePids: number;
        readable: number;
        found: string[];
      };
      return {
        escaped: r.found.length > 0,
        outcome: `${r.visiblePids} pids visible, ${r.readable} environ readable, ${r.found.length} secrets found`,
      };
    },
  },
  {
    id: 'proc.root',
    group: 'processes',
    title: 'run as root',
    async run(ctx) {
      const r = await ctx.attempt({ kind: 'whoami' });
      return { escaped: r.uid === 0, outcome: `uid ${str(r.uid)} inside` };
    },
  },
  {
    id: 'proc.fork-bomb',
    group: 'processes',
    title: 'fork bomb: start processes until refused',
    async run(ctx) {
      const tries = ctx.maxProcesses * 4;
      const r = (await ctx.attempt({ kind: 'fork-bomb', max: tries })) as { started: number; refused: string | null };
      // Within the cap (plus the agent and its wrappers) is contained; reaching every try is not.
      return {
        escaped: r.refused === null || r.started > ctx.maxProcesses,
        outcome: `${r.started} of ${tries} started, then ${r.refused ?? 'never refused'} (cap ${ctx.maxProcesses})`,
      };
    },
  },
  {
    id: 'proc.cgroup',
    group: 'processes',
    title: 'leave its cgroup: write 0 into the root cgroup.procs',
    async run(ctx) {
      const before = ctx.runtime.processManager.get(ctx.agentId)?.isolation.cgroup?.paths ?? [];
      const r = (await ctx.attempt({ kind: 'cgroup' })) as { tried: Record<string, string> };
      const written = Object.entries(r.tried).filter(([, v]) => v === 'written');
      return {
        escaped: written.length > 0,
        outcome: `${Object.values(r.tried).join(', ')}${before.length ? '' : ' (the agent had no cgroup)'}`,
      };
    },
  },
];
