/** Keeps the newest `maxBytes` of a stream's text (whole lines where possible) and counts what was dropped. */
export class StderrBuffer {
  private chunks: string[] = [];
  private size = 0;
  private partial = '';
  /** Bytes dropped because the buffer was full. */
  dropped = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly onLine?: (line: string) => void,
  ) {}

  /** Appends a chunk; complete lines go to `onLine`. */
  push(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.chunks.push(text);
    this.size += text.length;
    while (this.size > this.maxBytes && this.chunks.length > 1) {
      const head = this.chunks.shift()!;
      this.size -= head.length;
      this.dropped += head.length;
    }
    if (this.size > this.maxBytes) {
      const only = this.chunks[0]!;
      const cut = only.length - this.maxBytes;
      this.chunks[0] = only.slice(cut);
      this.size -= cut;
      this.dropped += cut;
    }
    if (this.onLine) {
      const lines = (this.partial + text).split('\n');
      this.partial = lines.pop() ?? '';
      if (this.partial.length > this.maxBytes) this.partial = this.partial.slice(-this.maxBytes);
      for (const line of lines) this.onLine(line);
    }
  }

  /** The kept text. */
  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }

  /** The last `lines` lines of the kept text. */
  tail(lines = 20): string {
    const all = this.text().split('\n');
    if (all.at(-1) === '') all.pop();
    return all.slice(-lines).join('\n');
  }
}
