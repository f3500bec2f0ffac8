import type { RuntimeEvent } from '@axon/core';
import { formatDuration } from '../output/table.js';

/** What the progress display knows about one task. */
interface Row {
  id: string;
  agent: string;
  state: 'waiting' | 'running' | 'done' | 'failed';
  startedAt?: number;
  endedAt?: number;
  toolCalls: number;
  message: string;
}

const PROGRESS_TYPES = [
  'task.started',
  'task.progress',
  'task.completed',
  'task.failed',
  'task.retrying',
  'task.cancelled',
  'tool.call',
] as const;

/** The runtime events the display reacts to. */
export type ProgressEvent = Extract<RuntimeEvent, { type: (typeof PROGRESS_TYPES)[number] }>;

function isProgressEvent(event: RuntimeEvent): event is ProgressEvent {
  return (PROGRESS_TYPES as readonly string[]).includes(event.type);
}

const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Live progress per task. On a terminal: one line per task, redrawn in place (spinner, elapsed time, tool calls,
 * the agent's last progress message). Elsewhere: one plain, timestamped line per event.
 */
export class Progress {
  readonly #rows = new Map<string, Row>();
  readonly #stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly #tty: boolean;
  readonly #started = Date.now();
  #drawn = 0;
  #frame = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    tasks: Array<{ id: string; agent: string }>,
  ) {
    this.#stream = stream;
    this.#tty = stream.isTTY === true && process.env.TERM !== 'dumb';
    for (const t of tasks) this.#rows.set(t.id, { ...t, state: 'waiting', toolCalls: 0, message: 'waiting' });
    if (this.#tty) {
      this.#timer = setInterval(() => this.#draw(), 120);
      this.#timer.unref();
      this.#draw();
    }
  }

  /** Updates the display from one runtime event (other events and events of unknown tasks are ignored). */
  handle(event: RuntimeEvent): void {
    if (!isProgressEvent(event)) return;
    const row = this.#rows.get(event.taskId);
    if (!row) return;
    switch (event.type) {
      case 'task.started':
        Object.assign(row, { state: 'running', startedAt: Date.now(), message: 'started' });
        this.#plain(row, 'started');
        break;
      case 'task.progress':
        row.message =
          `${event.progress === undefined ? '' : `${Math.round(event.progress * 100)}% `}${event.message ?? ''}`.trim();
        this.#plain(row, row.message);
        break;
      case 'tool.call':
        row.toolCalls += 1;
        break;
      case 'task.completed':
        Object.assign(row, {
          state: 'done',
          endedAt: Date.now(),
          toolCalls: event.toolCalls,
          message: `done in ${formatDuration(event.durationMs)}`,
        });
        this.#plain(row, `succeeded in ${formatDuration(event.durationMs)}, ${event.toolCalls} tool call(s)`);
        break;
      case 'task.failed':
        if (!event.willRetry) Object.assign(row, { state: 'failed', endedAt: Date.now() });
        row.message = `${event.code}: ${event.message}${event.willRetry ? ' (retrying)' : ''}`;
        this.#plain(row, `failed ${row.message}`);
        break;
      case 'task.retrying':
        row.message = `retrying (attempt ${event.attempt})`;
        this.#plain(row, row.message);
        break;
      case 'task.cancelled':
        Object.assign(row, { state: 'failed', endedAt: Date.now(), message: `cancelled: ${event.reason}` });
        this.#plain(row, row.message);
        break;
    }
    if (this.#tty) this.#draw();
  }

  /** Prints a line above the live display (or as one more plain line), e.g. an agent's log line with --verbose. */
  print(text: string): void {
    if (!this.#tty) {
      this.#stream.write(`${text}\n`);
      return;
    }
    const up = this.#drawn > 0 ? `\u001b[${this.#drawn}A\u001b[0J` : '';
    this.#stream.write(`${up}${text}\n`);
    this.#drawn = 0;
    this.#draw();
  }

  /** Draws the final state and stops redrawing. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    if (this.#tty) this.#draw();
  }

  #plain(row: Row, text: string): void {
    if (this.#tty) return;
    const at = formatDuration(Date.now() - this.#started).padStart(6);
    this.#stream.write(`[${at}] ${row.id} (${row.agent}): ${text}\n`);
  }

  #draw(): void {
    this.#frame = (this.#frame + 1) % SPIN.length;
    const width = Math.max(40, (this.#stream.columns || 100) - 1);
    const lines = [...this.#rows.values()].map((r) => {
      const mark =
        r.state === 'done' ? '✔' : r.state === 'failed' ? '✖' : r.state === 'running' ? SPIN[this.#frame] : '·';
      const elapsed = r.startedAt ? formatDuration((r.endedAt ?? Date.now()) - r.startedAt) : '';
      return `${mark} ${r.id.padEnd(16)} ${r.agent.padEnd(14)} ${elapsed.padStart(6)}  tools ${String(r.toolCalls).padStart(3)}  ${r.message}`.slice(
        0,
        width,
      );
    });
    const up = this.#drawn > 0 ? `\u001b[${this.#drawn}A` : '';
    this.#stream.write(`${up}${lines.map((l) => `\u001b[2K${l}`).join('\n')}\n`);
    this.#drawn = lines.length;
  }
}
