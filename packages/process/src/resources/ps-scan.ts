import { execFile } from 'node:child_process';
import { indexSamples, type ProcSample, type ProcSnapshot } from './snapshot.js';

/** Parses `ps -A -o pid=,ppid=,pgid=,rss=,time=` output (rss in KiB, time as `[[dd-]hh:]mm:ss[.cc]`). */
export function parsePs(out: string): ProcSample[] {
  const samples: ProcSample[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)/.exec(line);
    if (!m) continue;
    samples.push({
      pid: Number(m[1]),
      ppid: Number(m[2]),
      pgid: Number(m[3]),
      rssBytes: Number(m[4]) * 1024,
      cpuTimeMs: parseCpuTime(m[5]!),
    });
  }
  return samples;
}

function parseCpuTime(t: string): number {
  const [dayPart, rest] = t.includes('-') ? t.split('-') : ['0', t];
  const parts = (rest ?? '').split(':').map(Number);
  let seconds = 0;
  for (const p of parts) seconds = seconds * 60 + p;
  return (Number(dayPart) * 86_400 + seconds) * 1000;
}

/** One `ps` call for every process (the portable fallback where /proc is absent, e.g. macOS). */
export function scanPs(at: number): Promise<ProcSnapshot> {
  return new Promise((resolve) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid=,pgid=,rss=,time='], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      resolve(indexSamples(at, err ? [] : parsePs(stdout)));
    });
  });
}
