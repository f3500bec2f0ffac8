import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { indexSamples, type ProcSample, type ProcSnapshot } from './snapshot.js';

// USER_HZ is 100 on every mainstream Linux architecture; page size comes from /proc/self/smaps when needed.
const TICK_MS = 10;
const PAGE_SIZE = detectPageSize();

function detectPageSize(): number {
  try {
    const line = readFileSync('/proc/self/smaps', 'utf8').split('\n').find((l) => l.startsWith('KernelPageSize:'));
    const kb = line ? Number(/(\d+)/.exec(line)?.[1]) : NaN;
    return Number.isFinite(kb) && kb > 0 ? kb * 1024 : 4096;
  } catch {
    return 4096;
  }
}

/** Parses one `/proc/<pid>/stat` line (the command may contain spaces and parentheses). */
export function parseProcStat(text: string): ProcSample | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const pid = Number.parseInt(text, 10);
  // Fields after the command, starting at field 3 (state).
  const f = text.slice(close + 2).split(' ');
  if (f.length < 22 || f[0] === 'Z' || f[0] === 'X') return undefined;
  return {
    pid,
    ppid: Number(f[1]),
    pgid: Number(f[2]),
    cpuTimeMs: (Number(f[11]) + Number(f[12])) * TICK_MS,
    rssBytes: Number(f[21]) * PAGE_SIZE,
  };
}

const buf = Buffer.allocUnsafe(4096);

// open + read into one reused buffer: about half the cost of readFileSync (no fstat, no allocation).
function readStat(pid: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(`/proc/${pid}/stat`, 'r');
  } catch {
    return undefined;
  }
  try {
    return buf.latin1Slice(0, readSync(fd, buf, 0, buf.length, 0));
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Reads every process of the machine from /proc in one pass (Linux). Zombies are skipped. */
export function scanProc(at: number): ProcSnapshot {
  const samples: ProcSample[] = [];
  for (const name of readdirSync('/proc')) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    const text = readStat(name);
    if (text === undefined) continue; // exited between readdir and read
    const s = parseProcStat(text);
    if (s) samples.push(s);
  }
  return indexSamples(at, samples);
}

/** True when /proc can be scanned here. */
export function procAvailable(): boolean {
  try {
    return parseProcStat(readFileSync(`/proc/${process.pid}/stat`, 'latin1'))?.pid === process.pid;
  } catch {
    return false;
  }
}
