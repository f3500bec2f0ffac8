import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { formatDuration } from '../output/table.js';

/** One line an agent wrote: a `log` notification (with its level) or a plain stderr line. */
export interface AgentLogRecord {
  /** Since the run started, ms. */
  at: number;
  /** The agent's name in the workflow. */
  agent: string;
  /** The `log` notification's level; absent for a plain stderr line. */
  level?: string;
  /** The line as the agent wrote it. */
  line: string;
}

/** The runtime events the log keeper reads (a subset of @axon/core's `RuntimeEvent`). */
export type AgentLogEvent =
  | { type: 'agent.spawned'; agentId: string; name: string }
  | { type: 'agent.log'; agentId: string; line: string; level?: string };

/** Options of {@link AgentLogs}. */
export interface AgentLogsOptions {
  /** Folder the per-agent files go to (created). Absent: no files are written. */
  dir?: string;
  /** Where `--verbose` lines go (e.g. the progress display's printer). Absent: lines are only kept. */
  echo?: (text: string) => void;
  /** Keep every record for the `--json` report. Default false. */
  keepRecords?: boolean;
  /** Lines kept per agent for the tail shown next to a failed task. Default 10. */
  tailLines?: number;
}

const safeName = (name: string): string => name.replace(/[^\w.-]+/g, '_');

/**
 * Keeps what each agent of a run writes (stderr lines and `log` notifications, as the runtime publishes them):
 * one file per agent in `dir`, the last lines per agent for failed tasks, and, with `--verbose`, an echo.
 */
export class AgentLogs {
  readonly dir: string | undefined;
  readonly #names = new Map<string, string>();
  readonly #files = new Map<string, WriteStream>();
  readonly #tails = new Map<string, string[]>();
  readonly #records: AgentLogRecord[] = [];
  readonly #started = Date.now();
  readonly #options: AgentLogsOptions;

  constructor(options: AgentLogsOptions) {
    this.#options = options;
    this.dir = options.dir;
    if (this.dir) mkdirSync(this.dir, { recursive: true });
  }

  /** The file an agent's lines go to (`undefined` without a folder). */
  fileOf(agent: string): string | undefined {
    return this.dir ? join(this.dir, `${safeName(agent)}.log`) : undefined;
  }

  /** Records one runtime event (others are ignored). */
  handle(event: AgentLogEvent | { type: string }): void {
    if (event.type === 'agent.spawned') {
      const e = event as Extract<AgentLogEvent, { type: 'agent.spawned' }>;
      this.#names.set(e.agentId, e.name);
      return;
    }
    if (event.type !== 'agent.log') return;
    const e = event as Extract<AgentLogEvent, { type: 'agent.log' }>;
    const agent = this.#names.get(e.agentId) ?? e.agentId;
    const at = Date.now() - this.#started;
    const record: AgentLogRecord = { at, agent, ...(e.level !== undefined && { level: e.level }), line: e.line };
    if (this.#options.keepRecords) this.#records.push(record);
    const tail = this.#tails.get(agent) ?? [];
    tail.push(e.line);
    if (tail.length > (this.#options.tailLines ?? 10)) tail.shift();
    this.#tails.set(agent, tail);
    this.#fileStream(agent)?.write(`[${new Date().toISOString()}] ${e.line}\n`);
    this.#options.echo?.(`[${formatDuration(at).padStart(6)}] ${agent}: ${e.line}`);
  }

  /** The last lines an agent wrote (empty when none). */
  tail(agent: string): string[] {
    return [...(this.#tails.get(agent) ?? [])];
  }

  /** Whether the agent wrote anything. */
  has(agent: string): boolean {
    return this.#tails.has(agent);
  }

  /** Every record, when `keepRecords` was set. */
  records(): AgentLogRecord[] {
    return [...this.#records];
  }

  /** Flushes and closes the files. */
  async close(): Promise<void> {
    await Promise.all([...this.#files.values()].map((s) => new Promise<void>((resolve) => s.end(() => resolve()))));
  }

  #fileStream(agent: string): WriteStream | undefined {
    const file = this.fileOf(agent);
    if (!file) return undefined;
    let stream = this.#files.get(agent);
    if (!stream) {
      stream = createWriteStream(file, { flags: 'a' });
      stream.on('error', () => undefined); // a full disk must not fail the run
      this.#files.set(agent, stream);
    }
    return stream;
  }
}
