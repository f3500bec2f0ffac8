import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a byte stream into lines (without the newline); a line longer than `maxLineBytes` is cut there so a
 * stream without newlines cannot grow memory without bound.
 */
export function onLines(
  stream: NodeJS.ReadableStream,
  maxLineBytes: number,
  onLine: (line: string) => void,
  onBytes?: (n: number) => void,
): void {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    onBytes?.(chunk.length);
    partial += decoder.write(chunk);
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      onLine(stripCr(partial.slice(0, nl)));
      partial = partial.slice(nl + 1);
    }
    while (partial.length > maxLineBytes) {
      onLine(partial.slice(0, maxLineBytes));
      partial = partial.slice(maxLineBytes);
    }
  });
  stream.on('end', () => {
    partial += decoder.end();
    if (partial.length > 0) onLine(stripCr(partial));
    partial = '';
  });
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}
