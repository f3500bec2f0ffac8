import { RUNTIME_ERROR_CODES, type ErrorLayer, type RuntimeErrorCode } from './codes.js';

const BRAND = Symbol.for('axon.error');

/** Options of a {@link RuntimeError}. */
export interface RuntimeErrorOptions {
  /** The error this one wraps (ES2022 `cause`). */
  cause?: unknown;
  /** Structured details: agent id, task id, field path, limit, … */
  data?: Record<string, unknown>;
  /** Layer that raised the original error. Default `'core'`. */
  layer?: ErrorLayer;
}

/**
 * The one error type users of @axon/core match on. `code` is core's own or one of the layers below
 * (process, mcp, executor), `cause` keeps the original error, `data` the details.
 */
export class RuntimeError extends Error {
  /** What went wrong, as a stable string. */
  readonly code: RuntimeErrorCode;
  /** Structured details (agent id, task id, field path, …). */
  readonly data: Record<string, unknown>;
  /** Layer that raised the original error. */
  readonly layer: ErrorLayer;
  /** Cross-bundle brand checked by {@link isRuntimeError}. */
  readonly [BRAND] = 'RuntimeError';

  constructor(code: RuntimeErrorCode, message: string, options: RuntimeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RuntimeError';
    this.code = code;
    this.data = options.data ?? {};
    this.layer = options.layer ?? 'core';
  }
}

/** True for a {@link RuntimeError}, also one from another copy of this package (checks a brand, not `instanceof`). */
export function isRuntimeError(value: unknown): value is RuntimeError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === 'RuntimeError';
}

const KNOWN = new Set<string>(RUNTIME_ERROR_CODES);

const LAYER_BY_NAME: Record<string, ErrorLayer> = {
  ProcessError: 'process',
  McpError: 'mcp',
  ExecutorError: 'executor',
  PeerClosedError: 'agent',
  RpcError: 'agent',
  AgentError: 'agent',
};

/**
 * Converts anything thrown by the layers below into a {@link RuntimeError}, keeping the original as `cause`
 * and its `code` and `data`. A RuntimeError is returned as is; an unknown code becomes `fallback`.
 */
export function toRuntimeError(
  error: unknown,
  fallback: RuntimeErrorCode = 'INTERNAL',
  extra: Record<string, unknown> = {},
): RuntimeError {
  if (isRuntimeError(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    data?: unknown;
    name?: unknown;
    message?: unknown;
  };
  const rawCode = typeof e.code === 'string' ? e.code : codeFromData(e.data);
  const code = rawCode !== undefined && KNOWN.has(rawCode) ? (rawCode as RuntimeErrorCode) : fallback;
  const message = typeof e.message === 'string' && e.message.length > 0 ? e.message : String(error);
  const data: Record<string, unknown> = { ...extra };
  if (typeof e.data === 'object' && e.data !== null) Object.assign(data, e.data);
  if (rawCode !== undefined && rawCode !== code) data.originalCode = rawCode;
  for (const k of ['agentId', 'taskId', 'exitCode', 'signal', 'stderrTail', 'limit', 'value', 'max'] as const) {
    const v = (error as Record<string, unknown> | null)?.[k];
    if (v !== undefined && data[k] === undefined) data[k] = v;
  }
  const brand = (error as Record<symbol, unknown> | null)?.[BRAND];
  const kind = typeof brand === 'string' ? brand : typeof e.name === 'string' ? e.name : '';
  const layer = LAYER_BY_NAME[kind] ?? 'unknown';
  return new RuntimeError(code, message, { cause: error, data, layer });
}

// Wire errors (JSON-RPC) carry the string code in `data.code`.
function codeFromData(data: unknown): string | undefined {
  const c = (data as { code?: unknown } | null | undefined)?.code;
  return typeof c === 'string' ? c : undefined;
}
