import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './api-error.js';

/** A server-sent events stream on one response. */
export class SseStream {
  private closed = false;
  private readonly ping: NodeJS.Timeout;
  private readonly closers: Array<() => void> = [];

  /** @param keepAliveMs Interval of `:` comment lines that keep proxies from closing an idle stream. Default 15 s. */
  constructor(
    req: IncomingMessage,
    private readonly res: ServerResponse,
    keepAliveMs = 15_000,
  ) {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    this.ping = setInterval(() => this.comment('ping'), keepAliveMs);
    this.ping.unref();
    const end = () => this.close();
    req.on('close', end);
    res.on('close', end);
  }

  /** Whether the client went away (or {@link close} was called). */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends one event; `data` is JSON-encoded. Returns false once closed. */
  send(data: unknown, options: { id?: string | number; event?: string } = {}): boolean {
    if (this.closed) return false;
    let out = '';
    if (options.id !== undefined) out += `id: ${options.id}\n`;
    if (options.event !== undefined) out += `event: ${options.event}\n`;
    out += `data: ${JSON.stringify(data)}\n\n`;
    this.res.write(out);
    return true;
  }

  /** Sends a comment line (ignored by clients). */
  comment(text: string): void {
    if (!this.closed) this.res.write(`: ${text}\n\n`);
  }

  /** Runs `fn` when the stream closes. */
  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.closers.push(fn);
  }

  /** Ends the stream. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ping);
    for (const fn of this.closers.splice(0)) fn();
    this.res.end();
  }
}
