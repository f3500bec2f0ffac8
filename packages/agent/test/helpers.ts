import { PassThrough } from 'node:stream';
import { JsonRpcPeer } from '../src/index.js';
import type { JsonRpcPeerOptions } from '../src/index.js';

/** Two peers wired back to back through PassThrough streams. */
export function peerPair(opts: Partial<JsonRpcPeerOptions> = {}) {
  const aToB = new PassThrough();
  const bToA = new PassThrough();
  const a = new JsonRpcPeer({ input: bToA, output: aToB, name: 'a', ...opts });
  const b = new JsonRpcPeer({ input: aToB, output: bToA, name: 'b', ...opts });
  return { a, b, aToB, bToA };
}

/** A frame as read from a peer's output. */
export interface WireFrame {
  jsonrpc: string;
  id?: string | number | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: {
    code: number;
    message: string;
    data?: { issues?: Array<{ path: string; message: string }> } & Record<string, unknown>;
  };
}

/** A peer whose other side is raw streams: write lines into `toPeer`, read answers from `lines()`. */
export function rawPeer(opts: Partial<JsonRpcPeerOptions> = {}) {
  const toPeer = new PassThrough();
  const fromPeer = new PassThrough();
  const peer = new JsonRpcPeer({ input: toPeer, output: fromPeer, name: 'raw', ...opts });
  const received: unknown[] = [];
  let buf = '';
  const waiters: Array<() => void> = [];
  fromPeer.on('data', (c: Buffer) => {
    buf += c.toString('utf8');
    let nl;
    while ((nl = buf.indexOf('\n')) !== -1) {
      received.push(JSON.parse(buf.slice(0, nl)));
      buf = buf.slice(nl + 1);
    }
    for (const w of waiters.splice(0)) w();
  });
  /** Resolves once at least `n` frames came out of the peer. */
  async function frames(n: number, timeoutMs = 5000): Promise<WireFrame[]> {
    const deadline = Date.now() + timeoutMs;
    while (received.length < n) {
      if (Date.now() > deadline)
        throw new Error(`expected ${n} frames, got ${received.length}: ${JSON.stringify(received)}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return received as WireFrame[];
  }
  return { peer, toPeer, fromPeer, received: received as WireFrame[], frames };
}
