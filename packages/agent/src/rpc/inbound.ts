import { AapErrorCode } from '../protocol/error-codes.js';
import { runCheck } from '../protocol/guards/check.js';
import { getAapGuard } from '../protocol/guards/table.js';
import type { RpcId } from './classify.js';
import { defineLazySignal, LazyAbort } from './lazy-abort.js';
import { isRpcError, RpcError } from './rpc-error.js';
import type { NotificationHandler, ProtocolErrorEvent, RequestHandler } from './types.js';

/** What the inbound side needs from its peer: reporting bad frames and errors, and sending answers. */
export interface InboundHost {
  readonly name: string;
  /** Most running request handlers; `0` = unbounded. */
  readonly maxInflightRequests: number;
  /** Counts and reports a bad frame; answers it with an error when `answer` is set. */
  badFrame(
    code: number,
    message: string,
    line: string | null,
    answer: boolean,
    id?: RpcId | null,
    data?: unknown,
  ): void;
  emitError(event: ProtocolErrorEvent): void;
  /** Serializes and writes one answer frame. */
  answer(frame: { jsonrpc: '2.0'; id: RpcId; result?: unknown; error?: unknown }): void;
}

/**
 * The handlers of one peer's incoming requests and notifications: registration, params validation against the
 * AAP method table, running handlers with an abort signal, and answering.
 */
export class InboundHandlers {
  private readonly requests = new Map<string, RequestHandler>();
  private readonly notifications = new Map<string, Set<NotificationHandler>>();
  private readonly inflight = new Set<LazyAbort>();

  constructor(private readonly host: InboundHost) {}

  /** Registers the one handler of `method` (a later one replaces it). */
  onRequest(method: string, handler: RequestHandler): () => void {
    this.requests.set(method, handler);
    return () => {
      if (this.requests.get(method) === handler) this.requests.delete(method);
    };
  }

  /** Adds a listener of notifications for `method`. */
  onNotification(method: string, handler: NotificationHandler): () => void {
    let set = this.notifications.get(method);
    if (!set) this.notifications.set(method, (set = new Set()));
    set.add(handler);
    return () => void set.delete(handler);
  }

  /** Aborts every running request handler. */
  abortAll(reason: unknown): void {
    for (const ac of this.inflight) ac.abort(reason);
    this.inflight.clear();
  }

  /** Validates params against the method table; reports and returns `undefined` when invalid. */
  private checkParams(
    method: string,
    params: unknown,
    text: string,
    id: RpcId | null,
    answer: boolean,
  ): { data: unknown } | undefined {
    const spec = getAapGuard(method);
    if (!spec) return { data: params };
    const checked = runCheck(spec.params, params ?? {});
    if (checked.success) return { data: checked.data };
    this.host.badFrame(
      AapErrorCode.INVALID_PARAMS,
      `Invalid params for ${method}: ${checked.message}`,
      text,
      answer,
      id,
      { issues: checked.issues },
    );
    return undefined;
  }

  /** Delivers a notification to its listeners. */
  notification(method: string, params: unknown, text: string): void {
    const handlers = this.notifications.get(method);
    if (!handlers || handlers.size === 0) {
      // A known AAP notification nobody listens to is fine; an unknown one is a bad frame.
      if (!getAapGuard(method))
        this.host.badFrame(AapErrorCode.METHOD_NOT_FOUND, `Method not found: ${method}`, text, false);
      return;
    }
    const checked = this.checkParams(method, params, text, null, false);
    if (!checked) return;
    for (const h of [...handlers]) {
      try {
        const r = h(checked.data);
        if (r instanceof Promise) r.catch((e: unknown) => this.reportHandlerError(method, e));
      } catch (e) {
        this.reportHandlerError(method, e);
      }
    }
  }

  private reportHandlerError(method: string, e: unknown): void {
    this.host.emitError({
      code: AapErrorCode.INTERNAL_ERROR,
      message: `${this.host.name}: handler for ${method} threw: ${e instanceof Error ? e.message : String(e)}`,
    });
  }

  /** Runs the handler of a request and answers its result or error. */
  request(id: RpcId, method: string, params: unknown, text: string): void {
    const handler = this.requests.get(method);
    if (!handler)
      return this.host.badFrame(AapErrorCode.METHOD_NOT_FOUND, `Method not found: ${method}`, text, true, id);
    const checked = this.checkParams(method, params, text, id, true);
    if (!checked) return;
    const max = this.host.maxInflightRequests;
    if (max > 0 && this.inflight.size >= max) {
      const message = `${this.host.name}: ${method} refused, ${max} requests already in flight (read the answers first)`;
      return this.host.answer({
        jsonrpc: '2.0',
        id,
        error: { code: AapErrorCode.OVERLOADED, message, data: { code: 'OVERLOADED', limit: 'inflight', max } },
      });
    }
    const ac = new LazyAbort();
    this.inflight.add(ac);
    const ctx = defineLazySignal({ id }, ac);
    const done = (frame: { jsonrpc: '2.0'; id: RpcId; result?: unknown; error?: unknown }) => {
      this.inflight.delete(ac);
      this.host.answer(frame);
    };
    const failed = (e: unknown) => {
      const err = isRpcError(e)
        ? e
        : new RpcError(
            AapErrorCode.INTERNAL_ERROR,
            `Internal error in ${method}: ${e instanceof Error ? e.message : String(e)}`,
          );
      done({ jsonrpc: '2.0', id, error: err.toJSON() });
    };
    // Plain promise callbacks, not an async wrapper (one promise fewer per request); a handler that throws
    // synchronously is still answered a tick later, like one that rejects.
    let answer: Promise<unknown>;
    try {
      answer = Promise.resolve(handler(checked.data, ctx));
    } catch (e) {
      void Promise.resolve().then(() => failed(e));
      return;
    }
    answer.then((result) => done({ jsonrpc: '2.0', id, result: result === undefined ? null : result }), failed);
  }
}
