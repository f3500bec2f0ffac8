import { AgentError } from '../errors/agent-error.js';
import { AapErrorCode } from '../protocol/error-codes.js';
import type { AapMethod, AapParams } from '../protocol/methods.js';
import { runCheck } from '../protocol/guards/check.js';
import { getAapGuard } from '../protocol/guards/table.js';
import { classifyFrame, type RpcId } from './classify.js';
import { InboundHandlers } from './inbound.js';
import { LineSplitter } from './line-splitter.js';
import { AnswerRate, Outbox } from './outbox.js';
import { PendingRequests } from './pending.js';
import { RpcError } from './rpc-error.js';
import type {
  JsonRpcPeerOptions,
  NotificationHandler,
  PeerStats,
  ProtocolErrorEvent,
  RequestHandler,
  RequestOptions,
} from './types.js';
import { serializeFrame } from './serialize.js';

const DEFAULT_MAX_LINE = 8 * 1024 * 1024;
const DEFAULT_TIMEOUT = 30_000;
const DEFAULT_MAX_QUEUED = 8 * 1024 * 1024;
const DEFAULT_MAX_INFLIGHT = 1_000;
const PREVIEW = 200;
/** Bad frames answered in a burst, and per second after it. */
const ANSWER_BURST = 100;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/** Handlers of AAP methods receive validated, typed params; others receive `unknown`. */
/** The params a handler of method `M` receives: validated AAP params for protocol methods, `unknown` otherwise. */
export type ParamsOf<M extends string> = M extends AapMethod ? AapParams<M> : unknown;

/**
 * A JSON-RPC 2.0 peer over newline-delimited streams: one JSON message per line in each direction. Correlates
 * answers to requests by id, validates AAP params against the method table (with zod-free guards that mirror
 * `AAP_METHODS`, so an agent starts without loading zod), and answers bad frames with the
 * standard errors (-32700, -32600, -32601, -32602) instead of throwing. Both sides (agent and runtime) use it.
 */
export class JsonRpcPeer {
  /** Name used in error messages. */
  readonly name: string;
  /** Resolves when the input ends or `close()` is called. */
  readonly closed: Promise<void>;

  private readonly input: NodeJS.ReadableStream;
  private readonly output: NodeJS.WritableStream;
  private readonly maxLineLength: number;
  private readonly requestTimeout: number;
  private readonly maxQueuedBytes: number;
  private readonly onStrayBytes: ((bytes: number) => void) | undefined;
  private readonly outbox: Outbox;
  private readonly answerRate = new AnswerRate(ANSWER_BURST);
  private readonly splitter: LineSplitter;
  private readonly pending: PendingRequests;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly encoder = new TextEncoder();
  private readonly errorListeners = new Set<(e: ProtocolErrorEvent) => void>();
  private readonly inbound: InboundHandlers;
  private readonly counters = { framesIn: 0, framesOut: 0, badFrames: 0 };
  private nextId = 1;
  private isClosedFlag = false;
  private resolveClosed!: () => void;
  private readonly listeners: Array<[string, (...args: never[]) => void]>;

  constructor(options: JsonRpcPeerOptions) {
    this.name = options.name ?? 'peer';
    this.maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE;
    this.requestTimeout = options.requestTimeout ?? DEFAULT_TIMEOUT;
    if (!Number.isInteger(this.maxLineLength) || this.maxLineLength <= 0) {
      throw new AgentError(
        'INVALID_ARGUMENT',
        `maxLineLength must be a positive integer (bytes), got ${String(options.maxLineLength)}`,
        { data: { field: 'maxLineLength' } },
      );
    }
    if (!(this.requestTimeout >= 0)) {
      throw new AgentError(
        'INVALID_ARGUMENT',
        `requestTimeout must be >= 0 (ms), got ${String(options.requestTimeout)}`,
        { data: { field: 'requestTimeout' } },
      );
    }
    this.maxQueuedBytes = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED;
    this.onStrayBytes = options.onStrayBytes;
    const maxInflightRequests = options.maxInflightRequests ?? DEFAULT_MAX_INFLIGHT;
    for (const [field, v] of [
      ['maxQueuedBytes', this.maxQueuedBytes],
      ['maxInflightRequests', maxInflightRequests],
    ] as const) {
      if (!Number.isInteger(v) || v < 0)
        throw new AgentError('INVALID_ARGUMENT', `${field} must be an integer >= 0, got ${String(v)}`, {
          data: { field },
        });
    }
    this.input = options.input;
    this.output = options.output;
    this.outbox = new Outbox({
      output: this.output,
      maxQueuedBytes: this.maxQueuedBytes,
      onBackpressure: options.onBackpressure,
      onWriteError: (e) => this.close(e),
    });
    this.pending = new PendingRequests(this.name);
    this.inbound = new InboundHandlers({
      name: this.name,
      maxInflightRequests,
      badFrame: (code, message, line, answer, id, data) => this.badFrame(code, message, line, answer, id, data),
      emitError: (event) => this.emitError(event),
      answer: (frame) => this.write(serializeFrame(frame, this.maxLineLength, this.encoder)),
    });
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.splitter = new LineSplitter({
      maxLineBytes: this.maxLineLength,
      onLine: (line) => this.handleLine(line),
      onDropped: (bytes, first) => {
        this.onStrayBytes?.(bytes);
        if (!first) return;
        // An over-long line is a frame received (and dropped): every bad frame is also counted in framesIn.
        this.counters.framesIn++;
        this.badFrame(
          AapErrorCode.PARSE_ERROR,
          `Parse error: line longer than maxLineLength (${this.maxLineLength} bytes; ${bytes}+ seen)`,
          null,
          true,
          null,
          undefined,
          bytes,
        );
      },
    });
    const onData = (chunk: Uint8Array | string) =>
      this.splitter.push(typeof chunk === 'string' ? this.encoder.encode(chunk) : chunk);
    const onEnd = () => {
      this.splitter.flush();
      this.close();
    };
    const onError = (e: unknown) => this.close(e instanceof Error ? e : new Error(String(e)));
    this.listeners = [
      ['data', onData],
      ['end', onEnd],
      ['close', onEnd],
      ['error', onError],
    ];
    for (const [event, fn] of this.listeners) this.input.on(event, fn as (...args: unknown[]) => void);
    // A write to a closed pipe (EPIPE) must not crash the process: it closes the peer instead.
    this.output.on('error', (e: unknown) => this.close(e instanceof Error ? e : new Error(String(e))));
  }

  /** Counters: frames in and out, bad frames received, own requests pending. */
  get stats(): PeerStats {
    return { ...this.counters, pendingRequests: this.pending.size };
  }

  /** True once the peer closed. */
  get isClosed(): boolean {
    return this.isClosedFlag;
  }

  /**
   * Sends a request and waits for its answer (validated against the method's result schema for AAP methods).
   * Rejects with `RpcError` (the other side answered an error) or `AgentError` (`TIMEOUT`, `ABORTED`,
   * `PEER_CLOSED`, `INVALID_RESULT`, `FRAME_TOO_LARGE`).
   */
  request<R = unknown>(method: string, params?: unknown, opts?: RequestOptions): Promise<R>;
  async request(method: string, params?: unknown, opts: RequestOptions = {}): Promise<unknown> {
    if (this.isClosedFlag) throw this.closedError(method);
    if (opts.signal?.aborted)
      throw new AgentError('ABORTED', `${this.name}: ${method} aborted before it was sent`, {
        cause: opts.signal.reason,
        data: { method },
      });
    const id = this.nextId++;
    const frame = serializeFrame(
      { jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) },
      this.maxLineLength,
      this.encoder,
    );
    if (this.outbox.backlogged()) throw this.backpressureError(method);
    const answer = this.pending.add(id, method, opts.timeout ?? this.requestTimeout, opts.signal);
    this.write(frame);
    return answer;
  }

  /**
   * Sends a notification. Dropped silently once the peer is closed; throws `AgentError` when the frame is too large
   * and `BACKPRESSURE` when more than `maxQueuedBytes` wait unwritten (the other side is not reading).
   */
  notify(method: string, params?: unknown): void {
    if (this.isClosedFlag) return;
    if (this.outbox.backlogged()) throw this.backpressureError(method);
    this.write(
      serializeFrame(
        { jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) },
        this.maxLineLength,
        this.encoder,
      ),
    );
  }

  /**
   * Sends an error answer with id `null`: how a notification is refused (JSON-RPC cannot answer one otherwise).
   * The other side sees it as a protocol error event with `remote: true`. Dropped once the peer is closed or
   * while the other side does not read.
   */
  sendError(code: number, message: string, data?: unknown): void {
    const error = data === undefined ? { code, message } : { code, message, data };
    this.write(serializeFrame({ jsonrpc: '2.0', id: null, error }, this.maxLineLength, this.encoder));
  }

  /** Handles requests for `method` (one handler per method; a later one replaces it). Returns an unregister function. */
  onRequest<M extends string>(method: M, handler: RequestHandler<ParamsOf<M>>): () => void {
    return this.inbound.onRequest(method, handler as RequestHandler);
  }

  /** Listens to notifications for `method`. Returns an unsubscribe function. */
  onNotification<M extends string>(method: M, handler: NotificationHandler<ParamsOf<M>>): () => void {
    return this.inbound.onNotification(method, handler as NotificationHandler);
  }

  /** Listens to rejected frames and to errors the other side reported. Returns an unsubscribe function. */
  onProtocolError(listener: (e: ProtocolErrorEvent) => void): () => void {
    this.errorListeners.add(listener);
    return () => void this.errorListeners.delete(listener);
  }

  /** Stops reading, rejects pending requests with `PeerClosedError`, aborts running handlers. Idempotent. */
  close(reason?: Error): void {
    if (this.isClosedFlag) return;
    // Frames written before close() still go out, in order, as they would have without coalescing.
    this.outbox.close();
    if (this.isClosedFlag) return; // the flush failed and closed the peer
    this.isClosedFlag = true;
    for (const [event, fn] of this.listeners) this.input.removeListener(event, fn as (...args: unknown[]) => void);
    (this.input as { pause?: () => void }).pause?.();
    this.pending.closeAll(reason);
    this.inbound.abortAll(reason ?? new Error(`${this.name}: peer closed`));
    this.resolveClosed();
  }

  private closedError(method: string): AgentError {
    return new AgentError('PEER_CLOSED', `${this.name}: cannot send ${method}, the peer is closed`, {
      data: { method },
    });
  }

  /** Bytes written that `output` has not flushed yet (frames of this turn counted by their UTF-16 length). */
  get queuedBytes(): number {
    return this.outbox.queuedBytes;
  }

  private backpressureError(method: string): AgentError {
    return new AgentError(
      'BACKPRESSURE',
      `${this.name}: cannot send ${method}, ${this.queuedBytes} bytes already wait unread (maxQueuedBytes ${this.maxQueuedBytes})`,
      { data: { method, queuedBytes: this.queuedBytes, maxQueuedBytes: this.maxQueuedBytes } },
    );
  }

  private write(frame: string): void {
    if (this.isClosedFlag) return;
    // Answers go through here too: an answer the other side would not read is dropped, not queued.
    if (this.outbox.backlogged()) return;
    this.counters.framesOut++;
    this.outbox.send(frame);
  }

  private emitError(event: ProtocolErrorEvent): void {
    for (const l of this.errorListeners) {
      try {
        l(event);
      } catch {
        /* a listener's bug must not break the stream */
      }
    }
  }

  private badFrame(
    code: number,
    message: string,
    line: string | Uint8Array | null,
    answer: boolean,
    id: RpcId | null = null,
    data?: unknown,
    bytes?: number,
  ): void {
    this.counters.badFrames++;
    // A request with an id is always answered (its sender waits); only id-less error answers are rate-limited.
    const answered = answer && (id !== null || this.answerRate.take());
    const event: ProtocolErrorEvent = { code, message };
    // Raw bytes are decoded only for frames within the answer rate: decoding garbage costs more than parsing frames.
    if (typeof line === 'string') event.line = line.slice(0, PREVIEW);
    else if (line !== null && !(answer && !answered))
      event.line = Buffer.from(line.buffer, line.byteOffset, Math.min(line.length, PREVIEW)).toString('utf8');
    if (bytes !== undefined) event.bytes = bytes;
    if (answer && !answered) event.unanswered = true;
    this.emitError(event);
    if (answered) {
      const error = data === undefined ? { code, message } : { code, message, data };
      this.write(serializeFrame({ jsonrpc: '2.0', id, error }, this.maxLineLength, this.encoder));
    }
  }

  /** A parse error for a line that is not JSON at all, found without decoding it (garbage costs less than frames). */
  private rejectNonJson(bytes: Uint8Array): boolean {
    let i = 0;
    while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0d)) i++;
    if (i === bytes.length) return false;
    const first = bytes[i]!;
    if (first === OPEN_BRACE || first === OPEN_BRACKET) return false;
    this.counters.framesIn++;
    this.onStrayBytes?.(bytes.length);
    const message = `Parse error: not a JSON-RPC frame (starts with byte 0x${first.toString(16).padStart(2, '0')})`;
    // A short prefix is decoded (for reports such as "this program is not an agent"), unless the flood is rate-limited.
    this.badFrame(AapErrorCode.PARSE_ERROR, message, bytes, true, null, undefined, bytes.length);
    return true;
  }

  private handleLine(bytes: Uint8Array): void {
    if (this.isClosedFlag) return;
    if (this.rejectNonJson(bytes)) return;
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      this.counters.framesIn++;
      this.onStrayBytes?.(bytes.length);
      const message = 'Parse error: line is not valid UTF-8';
      this.badFrame(AapErrorCode.PARSE_ERROR, message, null, true, null, undefined, bytes.length);
      return;
    }
    if (text.trim() === '') return;
    this.counters.framesIn++;
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch (e) {
      this.onStrayBytes?.(bytes.length);
      const message = `Parse error: ${(e as Error).message}`;
      this.badFrame(AapErrorCode.PARSE_ERROR, message, text, true, null, undefined, bytes.length);
      return;
    }
    const frame = classifyFrame(msg);
    switch (frame.kind) {
      case 'invalid':
        return this.badFrame(AapErrorCode.INVALID_REQUEST, frame.message, text, frame.answer, frame.id);
      case 'response':
        return this.handleResponse(frame, text);
      case 'notification':
        return this.inbound.notification(frame.method, frame.params, text);
      case 'request':
        return this.inbound.request(frame.id, frame.method, frame.params, text);
    }
  }

  private handleResponse(
    frame: { id: RpcId | null; result?: unknown; error?: { code: number; message: string; data?: unknown } },
    text: string,
  ): void {
    if (frame.id === null) {
      if (frame.error)
        this.emitError({
          code: frame.error.code,
          message: `${this.name}: the other side reported: ${frame.error.message}`,
          line: text.slice(0, PREVIEW),
          remote: true,
        });
      else
        this.badFrame(AapErrorCode.INVALID_REQUEST, 'Invalid Response: id must not be null for a result', text, false);
      return;
    }
    const method = this.pending.methodOf(frame.id);
    if (method === undefined) {
      if (!this.pending.wasAbandoned(frame.id))
        this.badFrame(
          AapErrorCode.INVALID_REQUEST,
          `Invalid Response: no pending request with id ${JSON.stringify(frame.id)}`,
          text,
          false,
        );
      return;
    }
    if (frame.error) {
      this.pending.reject(frame.id, new RpcError(frame.error.code, frame.error.message, frame.error.data));
      return;
    }
    const check = getAapGuard(method)?.result;
    if (!check) return this.pending.resolve(frame.id, frame.result);
    const checked = runCheck(check, frame.result);
    if (checked.success) return this.pending.resolve(frame.id, checked.data);
    this.counters.badFrames++;
    const message = `${this.name}: invalid result for ${method}: ${checked.message}`;
    this.emitError({ code: AapErrorCode.INVALID_PARAMS, message, line: text.slice(0, PREVIEW) });
    this.pending.reject(
      frame.id,
      new AgentError('INVALID_RESULT', message, { data: { method, issues: checked.issues } }),
    );
  }
}
