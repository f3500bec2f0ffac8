import { describe, expect, it } from 'vitest';
import { parseProcStat, scanProc } from '../../src/resources/proc-scan.js';
import { parsePs } from '../../src/resources/ps-scan.js';
import { indexSamples, treePids } from '../../src/resources/snapshot.js';

describe('process table scans', () => {
  it('parses /proc/<pid>/stat with spaces and parentheses in the command', () => {
    const line =
      '42 (we ird) (x)) S 7 42 42 0 -1 4194560 100 0 0 0 150 50 0 0 20 0 1 0 100 1000000 2560 18446744073709551615';
    expect(parseProcStat(line)).toMatchObject({ pid: 42, ppid: 7, pgid: 42, cpuTimeMs: 2000 });
    expect(parseProcStat(line)!.rssBytes).toBeGreaterThanOrEqual(2560 * 4096);
  });

  it('parses ps output', () => {
    expect(parsePs('  10     1    10  2048 01:02.50\n')).toEqual([
      { pid: 10, ppid: 1, pgid: 10, rssBytes: 2048 * 1024, cpuTimeMs: 62_500 },
    ]);
  });

  it('collects a tree and the members of its process group', () => {
    const s = (pid: number, ppid: number, pgid: number) => ({ pid, ppid, pgid, rssBytes: 1, cpuTimeMs: 0 });
    const snap = indexSamples(0, [
      s(10, 1, 10),
      s(11, 10, 10),
      s(12, 11, 12),
      s(13, 1, 10),
      s(14, 13, 14),
      s(99, 1, 99),
    ]);
    expect(treePids(snap, 10, 10).sort()).toEqual([10, 11, 12, 13, 14]);
  });

  it.runIf(process.platform === 'linux')('finds this process in /proc', () => {
    const snap = scanProc(0);
    expect(snap.byPid.get(process.pid)?.rssBytes).toBeGreaterThan(1024 * 1024);
  });
});
