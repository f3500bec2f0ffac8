/** A bounded buffer of log lines: the oldest lines go when `maxBytes` would be exceeded. */
export class LogBuffer {
  private readonly lines: string[] = [];
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
    this.bytes += size;
    while (this.bytes > this.maxBytes) {
      this.bytes -= Buffer.byteLength(this.lines.shift()!) + 1;
      this.dropped++;
    }
  }

  /** All kept lines, oldest first. */
  all(): string[] {
    return [...this.lines];
  }

  /** The last lines, at most `maxBytes` bytes of them joined by newlines. */
  tail(maxBytes = 4096): string {
    const out: string[] = [];
    let size = 0;
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const l = this.lines[i]!;
      size += Buffer.byteLength(l) + 1;
      if (size > maxBytes && out.length > 0) break;
      out.unshift(l.length > maxBytes ? l.slice(-maxBytes) : l);
    }
    return out.join('\n');
  }
}
