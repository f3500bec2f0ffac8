const BRAND = Symbol.for('axon.error');

/** String codes of {@link AgentError}. */
export type AgentErrorCode =
  /** The peer closed (input ended, `close()` called, output failed) before the request was answered. */
  | 'PEER_CLOSED'
  /** A request got no answer within its timeout. */
  | 'TIMEOUT'
  /** A request's AbortSignal fired. */
  | 'ABORTED'
  /** An answer's result did not match the method's schema. */
  | 'INVALID_RESULT'
  /** An outgoing message is longer than the peer's `maxLineLength`. */
  | 'FRAME_TOO_LARGE'
  /** An option or argument is invalid. */
  | 'INVALID_ARGUMENT'
  /** A task was cancelled (`task/cancel`, shutdown, or stdin closed); the reason of a task's aborted signal. */
  | 'CANCELLED'
  /** The operation needs `initialize` first. */
  | 'NOT_INITIALIZED'
  /**
   * The other side is not reading: more than the peer's `maxQueuedBytes` are waiting to be written to it, so the
   * frame was not queued.
   */
  | 'BACKPRESSURE';

/** Options of {@link AgentError}. */
export interface AgentErrorOptions {
  /** The underlying error. */
  cause?: unknown;
  /** Structured details (method, id, timeout, …). */
  data?: Record<string, unknown>;
}

/**
 * The local error of @axon/agent (timeouts, closed peer, bad results). Errors the other side answered arrive as
 * {@link RpcError} instead. Match with {@link isAgentError}, which works across bundles.
 */
export class AgentError extends Error {
  /** What went wrong. */
  readonly code: AgentErrorCode;
  /** Structured details. */
  readonly data?: Record<string, unknown>;
  /** @internal */
  readonly [BRAND] = 'AgentError';

  constructor(code: AgentErrorCode, message: string, options: AgentErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AgentError';
    this.code = code;
    if (options.data !== undefined) this.data = options.data;
  }
}

/** Pending requests are rejected with this when the peer closes. */
export class PeerClosedError extends AgentError {
  constructor(message: string, options: AgentErrorOptions = {}) {
    super('PEER_CLOSED', message, options);
    this.name = 'PeerClosedError';
  }
}

/** True when `e` is an {@link AgentError} (including {@link PeerClosedError}), from any copy of this package. */
export function isAgentError(e: unknown): e is AgentError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === 'AgentError';
}
