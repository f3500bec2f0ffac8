import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

/** One benchmark figure, compared with a baseline measured in the same run. */
export interface Figure {
  /** Figure name, e.g. `spawn_to_ready`. */
  name: string;
  /** Unit of `value` and `baseline`, e.g. `ms`, `tasks/s`, `%`. */
  unit: string;
  /** The subject's measured value. */
  value: number;
  /** The baseline's measured value (same run, same machine); `null` when the figure is absolute. */
  baseline: number | null;
  /** What the baseline is, e.g. `bare node child_process spawn`. */
  baselineName: string;
  /** `value / baseline` (`null` without a baseline). */
  ratio: number | null;
  /** The target, as text, e.g. `ratio <= 1.2`. */
  target?: string;
  /** Whether the target was met (absent when there is no target). */
  met?: boolean;
}

/** A suite's definition: a name and a function that measures and returns figures. */
export interface Suite {
  name: string;
  /** How the suite measures, for docs/benchmarks.md (one paragraph, Markdown); else src/descriptions.ts has it. */
  description?: string;
  run(): Promise<Figure[]>;
}

/** What `bench/results/<suite>.meta.json` records about the run of a suite. */
export interface SuiteMeta {
  suite: string;
  /** When the suite finished, ISO 8601. */
  date: string;
  node: string;
  cores: number;
  /** CPU model as the OS reports it. */
  cpuModel: string;
  platform: string;
  /** How long the suite ran, ms. */
  durationMs?: number;
  /** 1-minute load average when the suite finished (other work on the machine). */
  loadAverage?: number;
}

/** `bench/results`. */
export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Builds a figure with its ratio computed. */
export function figure(
  name: string,
  unit: string,
  value: number,
  baseline: number | null,
  baselineName: string,
  target?: { text: string; met: (f: { value: number; ratio: number | null }) => boolean },
): Figure {
  const ratio = baseline === null || baseline === 0 ? null : round(value / baseline, 4);
  const f: Figure = {
    name,
    unit,
    value: round(value, 4),
    baseline: baseline === null ? null : round(baseline, 4),
    baselineName,
    ratio,
  };
  if (target) {
    f.target = target.text;
    f.met = target.met({ value, ratio });
  }
  return f;
}

function round(n: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(n * k) / k;
}

/** Writes `bench/results/<suite>.json` (and `.meta.json`) and prints the figures as a table. */
export function writeResults(suite: string, figures: Figure[], durationMs?: number): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${suite}.json`);
  writeFileSync(file, JSON.stringify(figures, null, 2) + '\n');
  const cpus = os.cpus();
  const meta: SuiteMeta = {
    suite,
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    platform: `${os.platform()} ${os.arch()}`,
    ...(durationMs === undefined ? {} : { durationMs: Math.round(durationMs) }),
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
  writeFileSync(join(resultsDir, `${suite}.meta.json`), JSON.stringify(meta, null, 2) + '\n');
  console.log(`\n${suite} — ${meta.date} — node ${meta.node}, ${meta.cores} cores`);
  console.table(
    figures.map((f) => ({
      name: f.name,
      value: `${f.value} ${f.unit}`,
      baseline: f.baseline === null ? '-' : `${f.baseline} ${f.unit}`,
      baselineName: f.baselineName,
      ratio: f.ratio ?? '-',
      target: f.target ?? '-',
      met: f.met === undefined ? '-' : f.met ? 'yes' : 'NO',
    })),
  );
  return file;
}
