import { mkdirSync, createWriteStream, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { ToolCallAuditRecord } from './record.js';

/**
 * Appends audit records to a JSONL file (one JSON object per line), creating the file and its folder.
 * Writes are buffered by the stream; `close()` flushes.
 */
export class JsonlAuditLog {
  readonly #stream: WriteStream;
  #error: Error | undefined;

  /** @param path File to append to. */
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.#stream = createWriteStream(path, { flags: 'a' });
    this.#stream.on('error', (e) => {
      this.#error = e;
    });
  }

  /** Appends one record. A failed file never fails a task; the error is kept in `lastError`. */
  append(record: ToolCallAuditRecord): void {
    if (this.#error || this.#stream.destroyed) return;
    this.#stream.write(JSON.stringify(record) + '\n');
  }

  /** The last write error, if any. */
  get lastError(): Error | undefined {
    return this.#error;
  }

  /** Flushes pending lines and closes the file. */
  async close(): Promise<void> {
    if (this.#stream.closed || this.#stream.destroyed) return;
    await new Promise<void>((resolve) => {
      this.#stream.once('close', resolve);
      this.#stream.end();
    });
  }
}
