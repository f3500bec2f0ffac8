import { LineSplitter } from '@axon/agent';

/** What {@link onLines} reports besides lines. */
export interface LineCallbacks {
  /** A complete line, decoded as UTF-8 (invalid sequences become U+FFFD). */
  onLine(line: string): void;
  /** A line longer than the limit was dropped; `bytes` is what was seen when it outgrew it. */
  onOversized?(bytes: number): void;
  /** Every chunk's size in bytes, as it arrives. */
  onBytes?(n: number): void;
}

/**
 * Splits a byte stream into lines with the protocol's byte-correct {@link LineSplitter}: a line longer than
 * `maxLineBytes` bytes is dropped as it streams in (reported once), so a stream without newlines costs no memory.
 */
export function onLines(stream: NodeJS.ReadableStream, maxLineBytes: number, cb: LineCallbacks): void {
  const splitter = new LineSplitter({
    maxLineBytes,
    onLine: (line) => cb.onLine(Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString('utf8')),
    onDropped: (bytes, first) => void (first && cb.onOversized?.(bytes)),
  });
  stream.on('data', (chunk: Buffer) => {
    cb.onBytes?.(chunk.length);
    splitter.push(chunk);
  });
  stream.on('end', () => splitter.flush());
}
