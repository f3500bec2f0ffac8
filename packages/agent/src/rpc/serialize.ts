import { AgentError } from '../errors/agent-error.js';
import { AapErrorCode } from '../protocol/error-codes.js';

type Encoder = { encode(text: string): Uint8Array };

function fits(text: string, maxLineLength: number, encoder: Encoder): boolean {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: only long strings need the exact count.
  return text.length * 3 <= maxLineLength || encoder.encode(text).length <= maxLineLength;
}

/**
 * Serializes one frame with its trailing newline. Requests and notifications that cannot be sent throw `AgentError`
 * (`FRAME_TOO_LARGE`, `INVALID_ARGUMENT` when not serializable). Answers never throw: an answer that cannot be sent
 * degrades to a smaller error answer (data dropped, message shortened, finally a bare -32603).
 */
export function serializeFrame(frame: Record<string, unknown>, maxLineLength: number, encoder: Encoder): string {
  const isAnswer = 'result' in frame || 'error' in frame;
  let text: string | undefined;
  let problem = '';
  try {
    text = JSON.stringify(frame);
  } catch (e) {
    problem = `not JSON-serializable: ${(e as Error).message}`;
    if (!isAnswer) throw new AgentError('INVALID_ARGUMENT', `frame is ${problem}`, { cause: e });
  }
  if (text !== undefined && fits(text, maxLineLength, encoder)) return `${text}\n`;
  if (!isAnswer) {
    throw new AgentError(
      'FRAME_TOO_LARGE',
      `frame of ${text?.length ?? 0}+ bytes exceeds maxLineLength (${maxLineLength} bytes)`,
      { data: { maxLineLength } },
    );
  }
  return degradedAnswer(
    frame,
    problem || `answer longer than maxLineLength (${maxLineLength} bytes)`,
    maxLineLength,
    encoder,
  );
}

function degradedAnswer(
  frame: Record<string, unknown>,
  problem: string,
  maxLineLength: number,
  encoder: Encoder,
): string {
  const original = frame.error as { code?: unknown; message?: unknown } | undefined;
  const code = typeof original?.code === 'number' ? original.code : AapErrorCode.INTERNAL_ERROR;
  const message =
    typeof original?.message === 'string'
      ? `${original.message.slice(0, 1000)} (${problem})`
      : `Internal error: ${problem}`;
  const candidates = [
    { jsonrpc: '2.0', id: frame.id, error: { code, message } },
    { jsonrpc: '2.0', id: frame.id, error: { code, message: message.slice(0, 80) } },
    { jsonrpc: '2.0', id: null, error: { code, message: 'answer too large' } },
  ];
  for (const c of candidates) {
    const text = JSON.stringify(c);
    if (fits(text, maxLineLength, encoder)) return `${text}\n`;
  }
  return `${JSON.stringify(candidates[2])}\n`;
}
