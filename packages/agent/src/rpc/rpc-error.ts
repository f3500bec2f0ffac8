import { aapErrorName } from '../protocol/error-codes.js';

const BRAND = Symbol.for('axon.error');

/**
 * A JSON-RPC error as it travels on the wire: a numeric `code` (see `AapErrorCode`), a message and optional `data`.
 * Throw it from a request handler to answer with that error; `peer.request()` rejects with it when the other side
 * answered an error. Match with {@link isRpcError}.
 */
export class RpcError extends Error {
  /** Numeric JSON-RPC error code, e.g. `-32001`. */
  readonly code: number;
  /** `error.data` as sent. */
  readonly data?: unknown;
  /** @internal */
  readonly [BRAND] = 'RpcError';

  constructor(code: number, message: string, data?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RpcError';
    this.code = code;
    if (data !== undefined) this.data = data;
  }

  /** The string name of {@link code} (e.g. `'TASK_FAILED'`), from `data.code` when present, else from the table. */
  get codeName(): string | undefined {
    const fromData = (this.data as { code?: unknown } | undefined)?.code;
    return typeof fromData === 'string' ? fromData : aapErrorName(this.code);
  }

  /** The wire form `{ code, message, data? }`. */
  toJSON(): { code: number; message: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

/** True when `e` is an {@link RpcError}, from any copy of this package. */
export function isRpcError(e: unknown): e is RpcError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === 'RpcError';
}
