import type { CliIo } from '../output/io.js';
import { formatDuration, renderTable } from '../output/table.js';

/** The outcome of one workflow task. */
export interface TaskReport {
  /** Task id from the workflow. */
  id: string;
  /** Agent name from the workflow. */
  agent: string;
  /** `succeeded`, `failed` or `cancelled`. */
  status: 'succeeded' | 'failed' | 'cancelled';
  /** From dispatch to answer, ms (0 when it never started). */
  durationMs: number;
  /** Tool calls made (served and refused). */
  toolCalls: number;
  /** The agent's one-line summary (`output.summary`), or the error message. */
  summary: string;
  /** Error code when it did not succeed. */
  errorCode?: string;
  /** The agent's whole output, when it succeeded. */
  output?: unknown;
}

/** What `axon run --json` prints. */
export interface RunReport {
  /** Workflow name. */
  workflow: string;
  /** Workflow file. */
  file: string;
  /** True when every task succeeded. */
  success: boolean;
  /** True when Ctrl-C stopped the run. */
  interrupted: boolean;
  durationMs: number;
  tasks: TaskReport[];
  /** The runtime's statistics at the end. */
  statistics?: unknown;
}

/** Options of `runWorkflow`. */
export interface RunWorkflowOptions {
  /** `--config`: the runtime config file (wins over the workflow's `config`). */
  config?: string;
  /** Override the workflow's `maxParallel`. */
  maxParallel?: number;
  /** Where progress goes (`io.err`) and the table (`io.out`). */
  io: CliIo;
  /** Show progress. Default true. */
  progress?: boolean;
  /** Aborting it shuts the runtime down gracefully (Ctrl-C). */
  signal?: AbortSignal;
}

/** The summary table and the closing line. */
export function renderReport(report: RunReport): string {
  const table = renderTable(
    ['task', 'agent', 'status', 'duration', 'tools', 'summary'],
    report.tasks.map((t) => [
      t.id,
      t.agent,
      t.status,
      formatDuration(t.durationMs),
      t.toolCalls,
      t.summary.slice(0, 100),
    ]),
  );
  const ok = report.tasks.filter((t) => t.status === 'succeeded').length;
  const closing = `${report.tasks.length} task(s): ${ok} succeeded, ${report.tasks.length - ok} failed${report.interrupted ? ' (interrupted)' : ''} in ${formatDuration(report.durationMs)}`;
  return `${table}\n\n${closing}`;
}
