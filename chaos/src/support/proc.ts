import { readdirSync, readFileSync } from 'node:fs';

/** One process found by a /proc scan. */
export interface ProcEntry {
  pid: number;
  /** The command line, arguments joined by spaces. */
  cmdline: string;
}

function readProc(pid: string, file: string): Buffer | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`);
  } catch {
    return undefined; // exited meanwhile, or not ours to read
  }
}

/** Live (non-zombie) processes whose command line contains `marker`. */
export function processesWithMarker(marker: string): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const raw = readProc(name, 'cmdline');
    if (!raw || raw.length === 0) continue;
    const cmdline = raw.toString('utf8').split('\0').join(' ').trim();
    if (!cmdline.includes(marker)) continue;
    const stat = readProc(name, 'stat')?.toString('utf8') ?? '';
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') continue;
    out.push({ pid: Number(name), cmdline });
  }
  return out;
}

/** The environment of a process as `NAME=value` strings (empty when it cannot be read). */
export function environOf(pid: number): string[] {
  const raw = readProc(String(pid), 'environ');
  return raw ? raw.toString('utf8').split('\0').filter(Boolean) : [];
}

/** Whether /proc can be scanned here (Linux). */
export function hasProc(): boolean {
  try {
    readdirSync('/proc/self/fd');
    return true;
  } catch {
    return false;
  }
}

/** SIGKILLs every pid, ignoring those already gone. */
export function killAll(pids: Iterable<number>): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
