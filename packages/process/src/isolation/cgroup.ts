import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlatformCapabilities } from './report.js';

type CgroupCaps = NonNullable<PlatformCapabilities['cgroup']>;

function ownCgroupLines(): string[] {
  try {
    return readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n');
  } catch {
    return [];
  }
}

// Each runtime gets `axon-<pid>` below its own cgroup, so agents stay inside whatever contains the runtime.
function tryParent(base: string): string | null {
  if (!existsSync(base)) return null;
  const dir = join(base, `axon-${process.pid}`);
  try {
    removeStale(base);
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, 'probe');
    mkdirSync(probe);
    rmdirSync(probe);
    return dir;
  } catch {
    return null;
  }
}

// Cgroups left by a runtime that was SIGKILLed (its pid is gone) are removed when empty.
function removeStale(base: string): void {
  for (const name of readdirSync(base)) {
    const m = /^axon-(\d+)$/.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    const dir = join(base, name);
    for (const child of readdirSync(dir, { withFileTypes: true }))
      if (child.isDirectory()) safeRmdir(join(dir, child.name));
    safeRmdir(dir);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes an (empty) cgroup directory; ignores failure. */
export function safeRmdir(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    /* busy or gone */
  }
}

/** Finds a writable cgroup hierarchy (v2 with delegated controllers, else v1 memory/pids) and tries it. */
export async function probeCgroups(): Promise<{ caps: CgroupCaps | null; note: string }> {
  const lines = ownCgroupLines();
  const v2 = lines.find((l) => l.startsWith('0::'))?.slice(3);
  const v2Notes: string[] = [];
  if (v2 !== undefined) {
    for (const mount of ['/sys/fs/cgroup', '/sys/fs/cgroup/unified']) {
      let controllers = '';
      try {
        controllers = readFileSync(join(mount, v2, 'cgroup.subtree_control'), 'utf8');
      } catch {
        continue;
      }
      const hasMem = /\bmemory\b/.test(controllers);
      const hasPids = /\bpids\b/.test(controllers);
      if (!hasMem && !hasPids) continue;
      const parent = tryParent(join(mount, v2));
      if (!parent) continue;
      // Controllers reach agent-* cgroups only when enabled in axon-<pid>/cgroup.subtree_control; read back what took.
      const enabled = enableV2Controllers(parent, [...(hasMem ? ['memory'] : []), ...(hasPids ? ['pids'] : [])]);
      v2Notes.push(...enabled.notes);
      if (!enabled.memory && !enabled.pids) {
        safeRmdir(parent);
        continue;
      }
      return {
        caps: { version: 2, memoryParent: enabled.memory ? parent : null, pidsParent: enabled.pids ? parent : null },
        note: v2Notes.join(' '),
      };
    }
  }
  const v1 = (ctrl: string): string | null => {
    const line = lines.find((l) => l.split(':')[1]?.split(',').includes(ctrl));
    return line ? tryParent(join('/sys/fs/cgroup', ctrl, line.split(':').slice(2).join(':'))) : null;
  };
  const memoryParent = v1('memory');
  const pidsParent = v1('pids');
  if (memoryParent || pidsParent) return { caps: { version: 1, memoryParent, pidsParent }, note: '' };
  return {
    caps: null,
    note: [
      'No writable cgroup (v2 with delegated memory/pids controllers, or v1): no kernel-enforced memory or pids cap.',
      ...v2Notes,
    ].join(' '),
  };
}

/** Writes `+memory +pids` into `dir/cgroup.subtree_control` one by one and reads back which are on. */
export function enableV2Controllers(
  dir: string,
  wanted: readonly string[],
): { memory: boolean; pids: boolean; notes: string[] } {
  const notes: string[] = [];
  const file = join(dir, 'cgroup.subtree_control');
  for (const c of wanted) {
    const err = writeChecked(file, `+${c}`);
    if (err) notes.push(`cgroup v2: cannot enable ${c} in ${file} (${err}): ${c} limit not enforced by the kernel.`);
  }
  let now = '';
  try {
    now = readFileSync(file, 'utf8');
  } catch (e) {
    notes.push(`cgroup v2: cannot read ${file} (${(e as Error).message}).`);
  }
  return { memory: /\bmemory\b/.test(now), pids: /\bpids\b/.test(now), notes };
}

/** Writes `value` to a cgroup file; returns null on success, else the reason (errno code and message). */
export function writeChecked(file: string, value: string): string | null {
  try {
    writeFileSync(file, value);
    return null;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return err.code ? `${err.code}: ${err.message.split(',')[0]}` : err.message;
  }
}

/** A per-agent cgroup (one directory per controller on v1, one on v2). */
export interface AgentCgroup {
  version: 1 | 2;
  paths: string[];
  memoryMaxBytes: number | null;
  pidsMax: number | null;
  /** Files the wrapper writes its own pid into (`cgroup.procs`). */
  procsFiles: string[];
  /** Limits asked for but not set, each as `<limit> not enforced: <reason>`. */
  notEnforced: string[];
  /** True when the kernel OOM-killed something in the cgroup. */
  oomKilled(): boolean;
  /** Highest memory charged, bytes (v1 only; null elsewhere). */
  maxUsageBytes(): number | null;
  /** Removes the directories (once the processes are gone). */
  remove(): void;
}

/** Creates the cgroup of one agent with its memory and pids caps; null when nothing could be created. */
export function createAgentCgroup(
  caps: CgroupCaps,
  agentKey: string,
  memoryMax: number,
  pidsMax: number,
): AgentCgroup | null {
  const dirs: string[] = [];
  let memDir: string | null = null;
  let pidsDir: string | null = null;
  const make = (parent: string): string | null => {
    const dir = join(parent, `agent-${agentKey}`);
    if (dirs.includes(dir)) return dir;
    try {
      mkdirSync(parent, { recursive: true });
      mkdirSync(dir);
      dirs.push(dir);
      return dir;
    } catch {
      return null;
    }
  };
  if (caps.memoryParent) memDir = make(caps.memoryParent);
  if (caps.pidsParent) pidsDir = make(caps.pidsParent);
  const notEnforced: string[] = [];
  const write = (what: string, dir: string | null, file: string, value: string): boolean => {
    if (!dir) {
      notEnforced.push(`${what} not enforced: no ${what === 'memory' ? 'memory' : 'pids'} cgroup could be created`);
      return false;
    }
    const err = writeChecked(join(dir, file), value);
    if (err) notEnforced.push(`${what} not enforced: writing ${value} to ${join(dir, file)} failed (${err})`);
    return err === null;
  };
  const memSet =
    caps.memoryParent !== null &&
    write('memory', memDir, caps.version === 2 ? 'memory.max' : 'memory.limit_in_bytes', String(memoryMax));
  // No swap for the agent: without it memory.max alone would let it page out instead of being OOM-killed.
  if (memSet && caps.version === 2) write('swap', memDir, 'memory.swap.max', '0');
  const pidsSet = caps.pidsParent !== null && write('processes', pidsDir, 'pids.max', String(pidsMax));
  if (dirs.length === 0) return null;
  const read = (dir: string | null, file: string): string => {
    try {
      return dir ? readFileSync(join(dir, file), 'utf8') : '';
    } catch {
      return '';
    }
  };
  return {
    version: caps.version,
    paths: dirs,
    memoryMaxBytes: memSet ? memoryMax : null,
    pidsMax: pidsSet ? pidsMax : null,
    procsFiles: dirs.map((d) => join(d, 'cgroup.procs')),
    notEnforced,
    oomKilled: () => {
      const text = read(memDir, caps.version === 2 ? 'memory.events' : 'memory.oom_control');
      const n = Number(/oom_kill (\d+)/.exec(text)?.[1] ?? 0);
      return n > 0;
    },
    maxUsageBytes: () => {
      const v = Number(read(memDir, caps.version === 2 ? 'memory.peak' : 'memory.max_usage_in_bytes'));
      return Number.isFinite(v) && v > 0 ? v : null;
    },
    remove: () => dirs.forEach(safeRmdir),
  };
}

/** Removes this runtime's `axon-<pid>` parents (at the end of the manager's life). */
export function removeParents(caps: CgroupCaps | null): void {
  if (!caps) return;
  for (const p of new Set([caps.memoryParent, caps.pidsParent])) if (p) safeRmdir(p);
}
