/** A bounded buffer of log lines: the oldest lines go when `maxBytes` would be exceeded. */
export class LogBuffer {
  // A queue with a moving head: dropping the oldest line is O(1) (Array#shift is O(n) on large arrays).
  private lines: string[] = [];
  private sizes: number[] = [];
  private head = 0;
  private bytes = 0;
  /** Lines dropped to stay within the bound. */
  dropped = 0;

  constructor(private readonly maxBytes: number) {}

  push(line: string): void {
    const size = Buffer.byteLength(line) + 1;
    if (size > this.maxBytes) {
      this.dropped++;
      return;
    }
    this.lines.push(line);
    this.sizes.push(size);
    this.bytes += size;
    while (this.bytes > this.maxBytes) {
      this.bytes -= this.sizes[this.head]!;
      this.head++;
      this.dropped++;
    }
    if (this.head > 1024 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }

  /** All kept lines, oldest first. */
  all(): string[] {
    return this.lines.slice(this.head);
  }

  /** The last lines, at most `maxBytes` bytes of them joined by newlines. */
  tail(maxBytes = 4096): string {
    const out: string[] = [];
    let size = 0;
    for (let i = this.lines.length - 1; i >= this.head; i--) {
      const l = this.lines[i]!;
      size += this.sizes[i]!;
      if (size > maxBytes && out.length > 0) break;
      out.push(l.length > maxBytes ? l.slice(-maxBytes) : l);
    }
    return out.reverse().join('\n');
  }
}
