/** Every string code an {@link ExecutorError} can carry. */
export const EXECUTOR_ERROR_CODES = [
  'INVALID_DELEGATION',
  'INVALID_CONFIG',
  'AGENT_NOT_FOUND',
  'AGENT_BUSY',
  'AGENT_CRASHED',
  'RESOURCE_LIMIT_EXCEEDED',
  'TIMEOUT',
  'CANCELLED',
  'TASK_FAILED',
  'MCP_UNAVAILABLE',
  'TOOL_NOT_ALLOWED',
  'TOOL_BUDGET_EXCEEDED',
  'TOOL_REFUSAL_LIMIT',
] as const;

/** The string code of an {@link ExecutorError}. */
export type ExecutorErrorCode = (typeof EXECUTOR_ERROR_CODES)[number];

const BRAND = Symbol.for('axon.error');

/** Options of an {@link ExecutorError}. */
export interface ExecutorErrorOptions {
  /** The underlying error, if any (ES2022 `cause`). */
  cause?: unknown;
  /** Structured details: field path, agent id, exit code, … */
  data?: Record<string, unknown>;
  /** The agent the error concerns. */
  agentId?: string;
  /** The task the error concerns. */
  taskId?: string;
}

/**
 * The one error class of @axon/executor. Match on `code`; `data` holds the details
 * (e.g. `path` for `INVALID_DELEGATION`, `exitCode`/`signal`/`stderrTail` for `AGENT_CRASHED`,
 * `limit`/`value`/`max`/`agentId`/`taskId` for `RESOURCE_LIMIT_EXCEEDED`).
 */
export class ExecutorError extends Error {
  /** What went wrong, as a stable string. */
  readonly code: ExecutorErrorCode;
  /** Structured details. */
  readonly data: Record<string, unknown> | undefined;
  /** The agent the error concerns. */
  readonly agentId: string | undefined;
  /** The task the error concerns. */
  readonly taskId: string | undefined;
  /** Cross-bundle brand checked by {@link isExecutorError} and other packages' guards. */
  readonly [BRAND] = 'ExecutorError';

  constructor(code: ExecutorErrorCode, message: string, options: ExecutorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExecutorError';
    this.code = code;
    this.data = options.data;
    this.agentId = options.agentId;
    this.taskId = options.taskId;
  }
}

/** True when `e` is an {@link ExecutorError}, from this bundle or another copy of the package. */
export function isExecutorError(e: unknown): e is ExecutorError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === 'ExecutorError';
}
