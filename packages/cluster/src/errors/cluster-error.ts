const BRAND = Symbol.for('axon.error');

/** Codes of {@link ClusterError}: failures of the cluster machinery itself (task failures are `RuntimeError`s). */
export const CLUSTER_ERROR_CODES = ['REDIS_UNAVAILABLE', 'INVALID_ARGUMENT', 'INVALID_CONFIG', 'CLOSED'] as const;

/** A {@link ClusterError} code. */
export type ClusterErrorCode = (typeof CLUSTER_ERROR_CODES)[number];

/**
 * An error of the cluster layer: Redis unreachable (`REDIS_UNAVAILABLE`), a bad option (`INVALID_ARGUMENT`,
 * `INVALID_CONFIG`, `data.path` names the field) or a client or worker used after `close()` (`CLOSED`).
 */
export class ClusterError extends Error {
  /** What went wrong, as a stable string. */
  readonly code: ClusterErrorCode;
  /** Structured details (field path, task id, Redis address, …). */
  readonly data: Record<string, unknown>;
  /** Cross-bundle brand checked by {@link isClusterError}. */
  readonly [BRAND] = 'ClusterError';

  constructor(
    code: ClusterErrorCode,
    message: string,
    options: { cause?: unknown; data?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClusterError';
    this.code = code;
    this.data = options.data ?? {};
  }
}

/** True for a {@link ClusterError}, also one from another copy of this package. */
export function isClusterError(value: unknown): value is ClusterError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === 'ClusterError';
}
