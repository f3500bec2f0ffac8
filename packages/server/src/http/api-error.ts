import type { ServerResponse } from 'node:http';
import { isRuntimeError } from '@axon/core';

/** Error codes of the admin API (plus any `RuntimeError` code passed through). */
export type ApiErrorCode =
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'BODY_TOO_LARGE'
  | 'INVALID_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INVALID_DELEGATION'
  | 'INVALID_ARGUMENT'
  | 'TASK_NOT_FOUND'
  | 'TASK_FINISHED'
  | 'AGENT_NOT_FOUND'
  | 'SHUTTING_DOWN'
  | 'INTERNAL';

/** An error answered as `{ error: { code, message, data? } }` with an HTTP status. */
export class ApiError extends Error {
  constructor(
    /** HTTP status. */
    readonly status: number,
    /** Stable error code. */
    readonly code: ApiErrorCode | (string & {}),
    message: string,
    /** Details: the field at fault (`path`), ids. */
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const STATUS_BY_RUNTIME_CODE: Record<string, number> = {
  AGENT_NOT_FOUND: 404,
  INVALID_DELEGATION: 400,
  INVALID_ARGUMENT: 400,
  SHUTTING_DOWN: 503,
  NOT_STARTED: 503,
  AGENT_BUSY: 409,
};

/** Maps anything thrown by a handler to an {@link ApiError}. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (isRuntimeError(e)) return new ApiError(STATUS_BY_RUNTIME_CODE[e.code] ?? 500, e.code, e.message, e.data);
  return new ApiError(500, 'INTERNAL', e instanceof Error ? e.message : String(e));
}

/** Common headers of every answer: no caching, no sniffing, no framing; no CORS headers at all. */
export const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;

/** Answers JSON. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Answers an error as JSON `{ error: { code, message, data } }`. */
export function sendError(res: ServerResponse, e: unknown): void {
  const err = toApiError(e);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, err.status, {
    error: { code: err.code, message: err.message, ...(err.data && { data: err.data }) },
  });
}
