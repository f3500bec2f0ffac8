import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error.js';

/**
 * Reads a JSON request body of at most `limit` bytes. Refuses other content types (415), larger bodies (413, also
 * when `content-length` announces one) and bad JSON (400 `INVALID_JSON` with the parser's message).
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `expected content-type application/json, got "${type}"`);
  const announced = Number(req.headers['content-length']);
  if (Number.isFinite(announced) && announced > limit) {
    await discard(req, limit);
    throw new ApiError(
      413,
      'BODY_TOO_LARGE',
      `request body of ${announced} bytes exceeds the limit of ${limit} bytes`,
      {
        limit,
      },
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      await discard(req, limit);
      throw new ApiError(413, 'BODY_TOO_LARGE', `request body exceeds the limit of ${limit} bytes`, { limit });
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ApiError(400, 'INVALID_JSON', `request body is not valid JSON: ${(e as Error).message}`);
  }
}

// Reads and drops the rest of a refused body (so the client sees the answer, not a reset), up to 16 × the limit; a
// client sending more than that is cut off.
async function discard(req: IncomingMessage, limit: number): Promise<void> {
  let dropped = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    dropped += chunk.length;
    if (dropped > limit * 16) {
      req.socket.destroy();
      return;
    }
  }
}
