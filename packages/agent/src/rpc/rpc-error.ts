import { aapErrorName } from '../protocol/error-codes.js';

const BRAND = Symbol.for('axon.error');

/**
 * A JSON-RPC error as it travels on the wire: a numeric `rpcCode` (see `AapErrorCode`), a message and optional
 * `data`. Throw it from a request handler to answer with that error; `peer.request()` rejects with it when the other
 * side answered an error. Match with {@link isRpcError}, then on the string `code` like any other Axon error.
 */
export class RpcError extends Error {
  /** The numeric JSON-RPC error code on the wire, e.g. `-32001` (`AapErrorCode.TASK_FAILED`). */
  readonly rpcCode: number;
  /** `error.data` as sent. */
  readonly data?: unknown;
  /** @internal */
  readonly [BRAND] = 'RpcError';

  constructor(rpcCode: number, message: string, data?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RpcError';
    this.rpcCode = rpcCode;
    if (data !== undefined) this.data = data;
  }

  /**
   * The error as a string, the convention of every Axon error: `data.code` when the other side sent one (e.g.
   * `'TOOL_NOT_ALLOWED'`), else the AAP name of {@link rpcCode} (`'TASK_FAILED'`), else `'RPC_ERROR'`.
   */
  get code(): string {
    const fromData = (this.data as { code?: unknown } | undefined)?.code;
    return typeof fromData === 'string' ? fromData : (aapErrorName(this.rpcCode) ?? 'RPC_ERROR');
  }

  /** The wire form `{ code, message, data? }`. */
  toJSON(): { code: number; message: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.rpcCode, message: this.message }
      : { code: this.rpcCode, message: this.message, data: this.data };
  }
}

/** True when `e` is an {@link RpcError}, from any copy of this package. */
export function isRpcError(e: unknown): e is RpcError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === 'RpcError';
}
