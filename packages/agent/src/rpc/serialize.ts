import { AgentError } from '../errors/agent-error.js';
import { AapErrorCode } from '../protocol/error-codes.js';

/**
 * Serializes one frame with its trailing newline. Throws `AgentError` (`FRAME_TOO_LARGE`, `INVALID_ARGUMENT` when
 * not serializable); with `isError`, an error frame that cannot be sent degrades to a plain -32603 instead.
 */
export function serializeFrame(frame: Record<string, unknown>, maxLineLength: number, encoder: { encode(text: string): Uint8Array }, isError = false): string {
  let text: string;
  try {
    text = JSON.stringify(frame);
  } catch (e) {
    if (isError) return fallbackError(frame.id);
    throw new AgentError('INVALID_ARGUMENT', `frame is not JSON-serializable: ${(e as Error).message}`, { cause: e });
  }
  // A UTF-16 code unit is at most 3 UTF-8 bytes: only long strings need the exact count.
  if (text.length * 3 > maxLineLength && encoder.encode(text).length > maxLineLength) {
    if (isError || 'result' in frame) {
      const message = `Internal error: answer longer than maxLineLength (${maxLineLength} bytes)`;
      return `${JSON.stringify({ jsonrpc: '2.0', id: frame.id, error: { code: AapErrorCode.INTERNAL_ERROR, message } })}\n`;
    }
    throw new AgentError('FRAME_TOO_LARGE', `frame of ${text.length}+ bytes exceeds maxLineLength (${maxLineLength} bytes)`, { data: { maxLineLength } });
  }
  return `${text}\n`;
}

function fallbackError(id: unknown): string {
  return `${JSON.stringify({ jsonrpc: '2.0', id, error: { code: AapErrorCode.INTERNAL_ERROR, message: 'Internal error: error is not serializable' } })}\n`;
}
