import { execFileSync } from 'node:child_process';

/** One process found below a given pid. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  command: string;
}

/** Every live descendant of `rootPid` (children, grandchildren, …), read from `ps` (Linux and macOS). */
export function listDescendants(rootPid: number = process.pid): ProcessInfo[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,command='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const all: Array<ProcessInfo & { stat: string }> = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (m) all.push({ pid: Number(m[1]), ppid: Number(m[2]), stat: m[3] ?? '', command: m[4] ?? '' });
  }
  const byParent = new Map<number, Array<ProcessInfo & { stat: string }>>();
  for (const p of all) {
    const list = byParent.get(p.ppid) ?? [];
    list.push(p);
    byParent.set(p.ppid, list);
  }
  const found: ProcessInfo[] = [];
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    for (const child of byParent.get(pid) ?? []) {
      // `ps` itself is our child while it runs; zombies are dead and only wait to be reaped.
      if (child.command.startsWith('ps -A') || child.stat.startsWith('Z')) continue;
      found.push({ pid: child.pid, ppid: child.ppid, command: child.command });
      stack.push(child.pid);
    }
  }
  return found;
}

/** Waits until `rootPid` has no live descendants, or `timeoutMs` passes; returns what is left. */
export async function waitForNoDescendants(timeoutMs = 3000, rootPid: number = process.pid): Promise<ProcessInfo[]> {
  const deadline = Date.now() + timeoutMs;
  let left = listDescendants(rootPid);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    left = listDescendants(rootPid);
  }
  return left;
}
