const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/**
 * Splits a byte stream into newline-terminated lines without ever buffering more than `maxLineLength` bytes of one
 * line: a longer line is dropped (reported through `onOverflow`) and skipped up to its newline.
 */
export class LineSplitter {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private discarding = false;

  constructor(
    private readonly maxLineLength: number,
    private readonly onLine: (line: Uint8Array) => void,
    private readonly onOverflow: (bytesSeen: number) => void,
  ) {}

  /** Feeds one chunk; calls `onLine` for every complete line in it. */
  push(chunk: Uint8Array): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl === -1) {
        this.append(chunk.subarray(start));
        return;
      }
      const piece = chunk.subarray(start, nl);
      start = nl + 1;
      if (this.discarding) {
        this.discarding = false;
        this.reset();
        continue;
      }
      if (this.size + piece.length > this.maxLineLength) {
        const seen = this.size + piece.length;
        this.reset();
        this.onOverflow(seen);
        continue;
      }
      const line = this.size === 0 ? piece : concat([...this.chunks, piece], this.size + piece.length);
      this.reset();
      this.onLine(stripCarriageReturn(line));
    }
  }

  /** Emits what is left after the input ended (a last line without a newline). */
  flush(): void {
    if (this.discarding || this.size === 0) {
      this.reset();
      this.discarding = false;
      return;
    }
    const line = concat(this.chunks, this.size);
    this.reset();
    this.onLine(stripCarriageReturn(line));
  }

  private append(piece: Uint8Array): void {
    if (this.discarding) return;
    if (this.size + piece.length > this.maxLineLength) {
      const seen = this.size + piece.length;
      this.reset();
      this.discarding = true;
      this.onOverflow(seen);
      return;
    }
    this.chunks.push(piece);
    this.size += piece.length;
  }

  private reset(): void {
    this.chunks = [];
    this.size = 0;
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
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
