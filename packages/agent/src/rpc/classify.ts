/** A JSON-RPC id: string or finite number. */
export type RpcId = string | number;

/** What one parsed JSON value is, as far as JSON-RPC 2.0 is concerned. */
export type ClassifiedFrame =
  | { kind: 'request'; id: RpcId; method: string; params: unknown }
  | { kind: 'notification'; method: string; params: unknown }
  | { kind: 'response'; id: RpcId | null; result?: unknown; error?: { code: number; message: string; data?: unknown } }
  | { kind: 'invalid'; id: RpcId | null; message: string; answer: boolean };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isValidId(v: unknown): v is RpcId {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

function isWireError(v: unknown): v is { code: number; message: string; data?: unknown } {
  return isRecord(v) && typeof v.code === 'number' && Number.isInteger(v.code) && typeof v.message === 'string';
}

/** Classifies a parsed frame; `invalid.answer` says whether an Invalid Request error should be sent back. */
export function classifyFrame(msg: unknown): ClassifiedFrame {
  if (Array.isArray(msg))
    return { kind: 'invalid', id: null, message: 'Invalid Request: batches are not supported', answer: true };
  if (!isRecord(msg))
    return { kind: 'invalid', id: null, message: 'Invalid Request: expected a JSON object', answer: true };
  const id = isValidId(msg.id) ? msg.id : null;
  const isResponse = !('method' in msg) && ('result' in msg || 'error' in msg);
  if (msg.jsonrpc !== '2.0') {
    return {
      kind: 'invalid',
      id,
      message: `Invalid Request: jsonrpc must be "2.0", got ${JSON.stringify(msg.jsonrpc) ?? 'nothing'}`,
      answer: !isResponse,
    };
  }
  if (isResponse) {
    if ('id' in msg && msg.id !== null && id === null)
      return { kind: 'invalid', id: null, message: 'Invalid Response: bad id', answer: false };
    if ('result' in msg && 'error' in msg)
      return { kind: 'invalid', id, message: 'Invalid Response: both result and error', answer: false };
    if ('error' in msg) {
      if (!isWireError(msg.error))
        return {
          kind: 'invalid',
          id,
          message: 'Invalid Response: error must be { code: integer, message: string }',
          answer: false,
        };
      return { kind: 'response', id, error: msg.error };
    }
    return { kind: 'response', id, result: msg.result };
  }
  if (typeof msg.method !== 'string' || msg.method === '') {
    return { kind: 'invalid', id, message: 'Invalid Request: method must be a non-empty string', answer: true };
  }
  if ('params' in msg && msg.params !== undefined && (typeof msg.params !== 'object' || msg.params === null)) {
    return { kind: 'invalid', id, message: 'Invalid Request: params must be an object or an array', answer: true };
  }
  if (!('id' in msg)) return { kind: 'notification', method: msg.method, params: msg.params };
  if (id === null)
    return { kind: 'invalid', id: null, message: 'Invalid Request: id must be a string or a number', answer: true };
  return { kind: 'request', id, method: msg.method, params: msg.params };
}
