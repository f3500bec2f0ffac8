import { closeSync, fchmodSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ToolCallAuditRecord } from './record.js';

/** Options of a {@link JsonlAuditLog}. */
export interface JsonlAuditLogOptions {
  /** Size at which the file is rotated, bytes. Default 10 MiB. A record larger than this still gets its own file. */
  maxBytes?: number;
  /** Rotated files kept (`<path>.1` newest … `<path>.<maxFiles>` oldest); older ones are deleted. Default 5. */
  maxFiles?: number;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_FILES = 5;

/**
 * Appends audit records to a JSONL file (one JSON object per line), created with mode 0600 (also when the umask
 * is wider, and an existing file is narrowed to it) in a folder created 0700. Every append is a synchronous
 * `write(2)` on an `O_APPEND` descriptor, so a record is in the file before the call it describes is answered and
 * a crash of the runtime loses nothing already recorded. When the next record would take the file past `maxBytes`
 * the file is rotated: `<path>.N` are shifted up, the oldest past `maxFiles` deleted, `<path>` becomes `<path>.1`.
 */
export class JsonlAuditLog {
  readonly #maxBytes: number;
  readonly #maxFiles: number;
  #fd: number | undefined;
  #size = 0;
  #error: Error | undefined;
  /** Records written since the log was opened. */
  written = 0;
  /** Rotations since the log was opened. */
  rotations = 0;

  /**
   * @param path File to append to.
   * @param options Rotation; see {@link JsonlAuditLogOptions}.
   */
  constructor(
    readonly path: string,
    options: JsonlAuditLogOptions = {},
  ) {
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.#maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.#open();
  }

  /** Appends one record. A failed write never fails a task; the error is kept in `lastError`. */
  append(record: ToolCallAuditRecord): void {
    if (this.#fd === undefined) return;
    const line = Buffer.from(JSON.stringify(record) + '\n');
    try {
      if (this.#size > 0 && this.#size + line.length > this.#maxBytes) this.#rotate();
      writeSync(this.#fd, line);
      this.#size += line.length;
      this.written += 1;
    } catch (e) {
      this.#fail(e);
    }
  }

  /** The last write or rotation error, if any (appends stop after it). */
  get lastError(): Error | undefined {
    return this.#error;
  }

  /** Closes the file (writes are synchronous: nothing is pending). Idempotent. */
  close(): Promise<void> {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    return Promise.resolve();
  }

  #open(): void {
    try {
      this.#fd = openSync(this.path, 'a', 0o600);
      fchmodSync(this.#fd, 0o600);
      this.#size = fstatSync(this.#fd).size;
    } catch (e) {
      this.#fail(e);
    }
  }

  #rotate(): void {
    closeSync(this.#fd!);
    this.#fd = undefined;
    rmSync(`${this.path}.${this.#maxFiles}`, { force: true });
    for (let n = this.#maxFiles - 1; n >= 1; n--) {
      try {
        renameSync(`${this.path}.${n}`, `${this.path}.${n + 1}`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    if (this.#maxFiles > 0) renameSync(this.path, `${this.path}.1`);
    else rmSync(this.path, { force: true });
    this.rotations += 1;
    this.#open();
    if (this.#fd === undefined) throw this.#error ?? new Error(`cannot reopen ${this.path}`);
  }

  #fail(e: unknown): void {
    this.#error = e instanceof Error ? e : new Error(String(e));
    if (this.#fd !== undefined) {
      try {
        closeSync(this.#fd);
      } catch {
        /* already closed */
      }
    }
    this.#fd = undefined;
  }
}
