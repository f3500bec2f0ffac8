import { LineSplitter } from '@axon/agent';

/**
 * Keeps the newest `maxBytes` bytes of a stream (UTF-8 bytes, not UTF-16 units) and counts what was dropped; complete
 * lines go to `onLine`, split by the protocol's byte-correct `LineSplitter` (a line longer than `maxBytes` is dropped).
 */
export class StderrBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  private readonly splitter: LineSplitter | undefined;
  /** Bytes dropped because the buffer was full. */
  dropped = 0;

  constructor(
    private readonly maxBytes: number,
    onLine?: (line: string) => void,
  ) {
    this.splitter = onLine
      ? new LineSplitter({
          maxLineBytes: maxBytes,
          onLine: (l) => onLine(Buffer.from(l.buffer, l.byteOffset, l.byteLength).toString('utf8')),
        })
      : undefined;
  }

  /** Appends a chunk; complete lines go to `onLine`. */
  push(chunk: Buffer | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.splitter?.push(bytes);
    this.chunks.push(bytes);
    this.size += bytes.length;
    while (this.size > this.maxBytes && this.chunks.length > 1) {
      const head = this.chunks.shift()!;
      this.size -= head.length;
      this.dropped += head.length;
    }
    if (this.size > this.maxBytes) {
      const only = this.chunks[0]!;
      const cut = only.length - this.maxBytes;
      this.chunks[0] = only.subarray(cut);
      this.size -= cut;
      this.dropped += cut;
    }
  }

  /** The kept text (a character cut at the start shows as U+FFFD). */
  text(): string {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]?.toString('utf8') ?? '';
  }

  /** The last `lines` lines of the kept text. */
  tail(lines = 20): string {
    const all = this.text().split('\n');
    if (all.at(-1) === '') all.pop();
    return all.slice(-lines).join('\n');
  }
}
