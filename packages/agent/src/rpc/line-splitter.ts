const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/** Options of a {@link LineSplitter}. */
export interface LineSplitterOptions {
  /** Longest line kept, bytes (newline excluded). A longer line is dropped, never assembled. Must be > 0. */
  maxLineBytes: number;
  /** Receives each complete line without its newline (and without a trailing `\r`). */
  onLine(line: Uint8Array): void;
  /**
   * Receives each run of bytes dropped from an over-long line: first with `first: true` and the bytes seen so far
   * (more than `maxLineBytes`) when the line outgrows the limit, then with the further bytes of that line as they
   * arrive, up to its newline. Default: ignore.
   */
  onDropped?(bytes: number, first: boolean): void;
}

/**
 * Splits a byte stream into newline-terminated lines, byte-correct (lengths are UTF-8 bytes, never UTF-16 units).
 * Finds newlines with `indexOf` on the incoming chunks, holds at most `maxLineBytes` bytes of one unfinished line,
 * and drops a longer line as it streams in (without concatenating it), so a stream without newlines or with
 * huge lines costs neither memory nor a copy. A line that fits one chunk is a zero-copy view of that chunk:
 * `onLine` must not keep it past the call without copying.
 *
 * Used by the JSON-RPC peer (frames), by `@axon/process` (agents' stderr) and by `@axon/mcp` (servers' stderr).
 */
export class LineSplitter {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private dropping = false;
  private readonly max: number;

  constructor(private readonly o: LineSplitterOptions) {
    if (!Number.isInteger(o.maxLineBytes) || o.maxLineBytes <= 0)
      throw new RangeError(`maxLineBytes must be a positive integer (bytes), got ${String(o.maxLineBytes)}`);
    this.max = o.maxLineBytes;
  }

  /** Feeds one chunk; calls `onLine` for every complete line in it. */
  push(chunk: Uint8Array): void {
    let start = 0;
    const end = chunk.length;
    while (start < end) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl === -1) {
        this.append(chunk, start, end);
        return;
      }
      if (this.dropping) {
        this.dropping = false;
        if (nl > start) this.o.onDropped?.(nl - start, false);
      } else if (this.size + (nl - start) > this.max) {
        const seen = this.size + (nl - start);
        this.reset();
        this.o.onDropped?.(seen, true);
      } else if (this.size === 0) {
        this.o.onLine(stripCarriageReturn(chunk.subarray(start, nl)));
      } else {
        this.chunks.push(chunk.subarray(start, nl));
        const line = concat(this.chunks, this.size + (nl - start));
        this.reset();
        this.o.onLine(stripCarriageReturn(line));
      }
      start = nl + 1;
    }
  }

  /** Emits what is left after the input ended (a last line without a newline) and resets. */
  flush(): void {
    if (!this.dropping && this.size > 0) {
      const line = concat(this.chunks, this.size);
      this.reset();
      this.o.onLine(stripCarriageReturn(line));
    }
    this.reset();
    this.dropping = false;
  }

  private append(chunk: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.dropping) {
      this.o.onDropped?.(n, false);
      return;
    }
    if (this.size + n > this.max) {
      const seen = this.size + n;
      this.reset();
      this.dropping = true;
      this.o.onDropped?.(seen, true);
      return;
    }
    // Keep a copy: the stream may reuse the chunk's memory once this call returns.
    this.chunks.push(Uint8Array.prototype.slice.call(chunk, start, end));
    this.size += n;
  }

  private reset(): void {
    if (this.size > 0) this.chunks = [];
    this.size = 0;
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function stripCarriageReturn(line: Uint8Array): Uint8Array {
  return line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN ? line.subarray(0, line.length - 1) : line;
}
