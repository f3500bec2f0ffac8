import type { CliIo } from '../output/io.js';
import { formatDuration, renderTable } from '../output/table.js';
import { truncateWords } from '../output/text.js';
import type { AgentLogRecord } from './agent-logs.js';

/** The outcome of one workflow task. */
export interface TaskReport {
  /** Task id from the workflow. */
  id: string;
  /** Agent name from the workflow. */
  agent: string;
  /** `succeeded`, `failed` or `cancelled`. */
  status: 'succeeded' | 'failed' | 'cancelled';
  /** From dispatch to answer or failure, ms (0 when it never started). */
  durationMs: number;
  /** Tool calls made (served and refused). */
  toolCalls: number;
  /** The agent's one-line summary (`output.summary`), or the error message (agents named as in the workflow). */
  summary: string;
  /** Error code when it did not succeed. */
  errorCode?: string;
  /** The agent's whole output, when it succeeded. */
  output?: unknown;
  /** The last lines the agent wrote on stderr (and as `log` messages), when the task did not succeed. */
  stderrTail?: string[];
  /** The file holding everything the agent wrote during the run (absent when it wrote nothing). */
  logFile?: string;
}

/** What `axon run --json` prints. */
export interface RunReport {
  /** Workflow name. */
  workflow: string;
  /** Workflow file. */
  file: string;
  /** The runtime config file used, if any. */
  configFile?: string;
  /** True when every task succeeded. */
  success: boolean;
  /** True when Ctrl-C stopped the run. */
  interrupted: boolean;
  /** Whole run, ms. */
  durationMs: number;
  tasks: TaskReport[];
  /** Folder of the per-agent log files of this run. */
  logDir?: string;
  /** Every line the agents wrote, with `--verbose`. */
  logs?: AgentLogRecord[];
  /** The runtime's statistics at the end (numbers rounded). */
  statistics?: unknown;
}

/** Options of `runWorkflow`. */
export interface RunWorkflowOptions {
  /** `--config`: the runtime config file, relative to the working directory (wins over `AXON_CONFIG` and the workflow's `config`). */
  config?: string;
  /** Override the workflow's `maxParallel` (>= 1). */
  maxParallel?: number;
  /** Where progress goes (`io.err`) and the table (`io.out`). */
  io: CliIo;
  /** Show progress. Default true. */
  progress?: boolean;
  /** Echo what agents write (stderr, `log` messages) on `io.err`, and keep it in the report's `logs`. Default false. */
  verbose?: boolean;
  /** Folder for the per-agent log files. Default: a new folder under the system's temporary directory. */
  logDir?: string;
  /** Aborting it shuts the runtime down gracefully (Ctrl-C). */
  signal?: AbortSignal;
}

/** Width of the summary column of the table. */
const SUMMARY_WIDTH = 100;

/** The summary table, the tails of failed tasks' agents' stderr, where the logs are, and the closing line. */
export function renderReport(report: RunReport): string {
  const table = renderTable(
    ['task', 'agent', 'status', 'duration', 'tools', 'summary'],
    report.tasks.map((t) => [
      t.id,
      t.agent,
      t.status,
      formatDuration(t.durationMs),
      t.toolCalls,
      truncateWords(t.summary, SUMMARY_WIDTH),
    ]),
  );
  const details = report.tasks
    .filter((t) => t.status !== 'succeeded')
    .map((t) => {
      const head = `${t.id} (${t.agent}) ${t.status}: ${t.summary}`;
      const tail = t.stderrTail?.length
        ? `\n  last lines of ${t.agent}'s stderr:\n${t.stderrTail.map((l) => `    ${l}`).join('\n')}`
        : '';
      return `${head}${tail}${t.logFile ? `\n  log: ${t.logFile}` : ''}`;
    });
  const ok = report.tasks.filter((t) => t.status === 'succeeded').length;
  const closing = `${report.tasks.length} task(s): ${ok} succeeded, ${report.tasks.length - ok} failed${report.interrupted ? ' (interrupted)' : ''} in ${formatDuration(report.durationMs)}`;
  const logs = report.logDir && report.tasks.some((t) => t.logFile) ? `\nagent logs: ${report.logDir}` : '';
  return [table, ...(details.length ? ['', ...details] : []), '', `${closing}${logs}`].join('\n');
}
