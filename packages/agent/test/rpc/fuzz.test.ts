import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rawPeer, type WireFrame } from '../helpers.js';

const validFrames = [
  { jsonrpc: '2.0', id: 1, method: 'ping', params: {} },
  {
    jsonrpc: '2.0',
    id: 'x',
    method: 'initialize',
    params: { protocolVersion: 'v', agent: { id: 'a', name: 'n', type: 't' }, heartbeatIntervalMs: 5 },
  },
  { jsonrpc: '2.0', method: 'task/cancel', params: { taskId: 't' } },
  { jsonrpc: '2.0', id: 3, result: { ok: true } },
  { jsonrpc: '2.0', id: 4, error: { code: -32000, message: 'm' } },
];

/** A valid frame, then damaged: truncated, a key dropped or retyped, bytes spliced in. */
const mutatedLine = fc
  .tuple(
    fc.constantFrom(...validFrames),
    fc.nat(),
    fc.constantFrom('truncate', 'drop', 'retype', 'splice', 'none'),
    fc.string(),
    fc.jsonValue(),
  )
  .map(([frame, n, how, junk, value]) => {
    const text = JSON.stringify(frame);
    const keys = Object.keys(frame);
    const key = keys[n % keys.length]!;
    switch (how) {
      case 'truncate':
        return text.slice(0, n % text.length);
      case 'drop': {
        const copy: Record<string, unknown> = { ...frame };
        delete copy[key];
        return JSON.stringify(copy);
      }
      case 'retype':
        return JSON.stringify({ ...frame, [key]: value });
      case 'splice': {
        const at = n % text.length;
        return text.slice(0, at) + junk + text.slice(at);
      }
      default:
        return text;
    }
  });

const chunk = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  mutatedLine.map((l) => new TextEncoder().encode(`${l}\n`)),
  fc.jsonValue().map((v) => new TextEncoder().encode(`${JSON.stringify(v)}\n`)),
);

function assertWellFormed(frames: WireFrame[]): void {
  for (const f of frames) {
    expect(f.jsonrpc).toBe('2.0');
    expect('result' in f !== 'error' in f).toBe(true);
    if (f.error) {
      expect(Number.isInteger(f.error.code)).toBe(true);
      expect(typeof f.error.message).toBe('string');
    }
  }
}

describe('JsonRpcPeer under fuzzing', () => {
  it('never throws on random and mutated frames, answers only well-formed JSON-RPC, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(chunk, { maxLength: 25 }), async (chunks) => {
        const { peer, toPeer, received, frames } = rawPeer({ maxLineLength: 512 });
        peer.onRequest('ping', () => ({ timestamp: 1 }));
        peer.onRequest('initialize', () => ({ protocolVersion: 'v', agent: { name: 'n' }, capabilities: [] }));
        for (const c of chunks) toPeer.write(c);
        toPeer.write('\n{"jsonrpc":"2.0","id":"final","method":"ping"}\n');
        const deadline = Date.now() + 5000;
        while (!received.some((f) => f.id === 'final') && Date.now() < deadline)
          await frames(received.length + 1, 5000);
        const final = received.find((f) => f.id === 'final');
        expect(final?.result).toEqual({ timestamp: 1 });
        assertWellFormed(received);
        const { framesIn, badFrames } = peer.stats;
        expect(badFrames).toBeLessThanOrEqual(framesIn);
        peer.close();
      }),
      { numRuns: 150 },
    );
  });

  it('counts every line that is not a frame it can serve', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 64 }), { minLength: 1, maxLength: 10 }),
        async (blobs) => {
          const { peer, toPeer, frames } = rawPeer();
          // Bytes that cannot start a JSON value: every non-blank line is unparsable.
          const lines = blobs.map((b) => Uint8Array.from([0x23, ...b.filter((x) => x !== 0x0a)]));
          for (const l of lines) toPeer.write(Uint8Array.from([...l, 0x0a]));
          await frames(lines.length);
          expect(peer.stats.badFrames).toBe(lines.length);
          expect(peer.stats.framesIn).toBe(lines.length);
          peer.close();
        },
      ),
      { numRuns: 100 },
    );
  });
});
