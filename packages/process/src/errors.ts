const BRAND = Symbol.for('axon.error');

/** Every `code` a {@link ProcessError} can carry. */
export type ProcessErrorCode =
  | 'SPAWN_FAILED'
  | 'TIMEOUT'
  | 'RESOURCE_LIMIT_EXCEEDED'
  | 'AGENT_NOT_FOUND'
  | 'INVALID_SPEC'
  | 'INVALID_CONFIG'
  | 'CAPACITY_EXCEEDED'
  | 'AGENT_CRASHED'
  | 'HEARTBEAT_TIMEOUT'
  | 'ILLEGAL_TRANSITION'
  | 'SHUTTING_DOWN'
  | 'SANDBOX_UNAVAILABLE';

/** Optional details of a {@link ProcessError}. */
export interface ProcessErrorOptions {
  /** The underlying error. */
  cause?: unknown;
  /** The agent concerned, when there is one. */
  agentId?: string;
  /** Exit code of the agent process, when it exited. */
  exitCode?: number | null;
  /** Signal that ended the agent process, when one did. */
  signal?: string | null;
  /** The last lines of the agent's stderr (at most ~4 KiB). */
  stderrTail?: string;
  /** Structured details (for example `{ limit, value, max }` or `{ field }`). */
  data?: Record<string, unknown>;
}

/** The one error class of @axon/process: a string `code`, the agent and what the process did. */
export class ProcessError extends Error {
  /** Machine-readable error code. */
  readonly code: ProcessErrorCode;
  /** The agent concerned, when there is one. */
  readonly agentId?: string;
  /** Exit code of the agent process, when it exited. */
  readonly exitCode?: number | null;
  /** Signal that ended the agent process, when one did. */
  readonly signal?: string | null;
  /** The last lines of the agent's stderr. */
  readonly stderrTail?: string;
  /** Structured details. */
  readonly data?: Record<string, unknown>;
  /** Brand checked by {@link isProcessError} across bundles. */
  readonly [BRAND] = 'ProcessError';

  constructor(code: ProcessErrorCode, message: string, options: ProcessErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProcessError';
    this.code = code;
    if (options.agentId !== undefined) this.agentId = options.agentId;
    if (options.exitCode !== undefined) this.exitCode = options.exitCode;
    if (options.signal !== undefined) this.signal = options.signal;
    if (options.stderrTail !== undefined) this.stderrTail = options.stderrTail;
    if (options.data !== undefined) this.data = options.data;
  }
}

/** True when `e` is a {@link ProcessError}, even one created by another copy of this package. */
export function isProcessError(e: unknown): e is ProcessError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === 'ProcessError';
}
