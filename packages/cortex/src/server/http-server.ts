import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { CortexError } from '../errors.js';
import { CortexStore, type CortexStoreOptions } from '../store/cortex-store.js';
import { resolveDbPath } from '../default-db-path.js';
import { createCortexServer, type CortexServer } from './create-server.js';

/** Options of {@link serveCortexHttp}. */
export interface CortexHttpOptions {
  /** Bearer token every request must carry (`Authorization: Bearer <token>`); at least 16 characters. Required. */
  token: string;
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Address to listen on. Default `127.0.0.1` (set `0.0.0.0` to serve other hosts). */
  host?: string;
  /** Database file; default as the CLI ({@link resolveDbPath}). Ignored when `store` is given. */
  dbPath?: string;
  /** An open store to serve (not closed by `close()`). */
  store?: CortexStore;
  /** SQLite `synchronous` level. Default `NORMAL`. */
  synchronous?: CortexStoreOptions['synchronous'];
  /** Most MCP sessions open at once; an `initialize` beyond gets HTTP 503. Default 256. */
  maxSessions?: number;
}

/** A running Cortex Streamable HTTP server. */
export interface CortexHttpServer {
  /** `http://<host>:<port>/mcp`, the MCP endpoint. */
  readonly url: string;
  /** Sessions open now. */
  readonly sessions: number;
  /** Closes every session, the listener and the store if this server opened it. Idempotent. */
  close(): Promise<void>;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Serves Cortex over MCP Streamable HTTP (the SDK's `StreamableHTTPServerTransport`, one MCP session per client, all
 * on one SQLite store) at `/mcp`, for agents on other hosts. Every request must carry the bearer token (compared in
 * constant time); others get 401 and never reach MCP.
 */
export async function serveCortexHttp(options: CortexHttpOptions): Promise<CortexHttpServer> {
  if (typeof options.token !== 'string' || options.token.length < 16)
    throw new CortexError('INVALID_INPUT', 'token must be a string of at least 16 characters', {
      data: { field: 'token' },
    });
  const expected = digest(`Bearer ${options.token}`);
  const maxSessions = options.maxSessions ?? 256;
  const owned = options.store === undefined;
  const store =
    options.store ??
    new CortexStore({
      path: options.dbPath ?? resolveDbPath(),
      ...(options.synchronous ? { synchronous: options.synchronous } : {}),
    });
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; cortex: CortexServer }>();

  const authorized = (req: IncomingMessage): boolean =>
    timingSafeEqual(digest(String(req.headers.authorization ?? '')), expected);

  const fail = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
  };

  const readJson = async (req: IncomingMessage): Promise<unknown> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > 4 * 1024 * 1024) throw new Error('request body larger than 4 MiB');
      chunks.push(c as Buffer);
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!authorized(req))
      return fail(res, 401, 'Unauthorized: missing or wrong bearer token', {
        'www-authenticate': 'Bearer realm="cortex"',
      });
    if ((req.url ?? '').split('?')[0] !== '/mcp') return fail(res, 404, 'Not found: the MCP endpoint is /mcp');
    const sessionId = req.headers['mcp-session-id'];
    const existing = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (existing) return existing.transport.handleRequest(req, res);
    if (req.method !== 'POST') return fail(res, 400, 'Bad request: no valid session id');
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (e) {
      return fail(res, 400, `Bad request: ${(e as Error).message}`);
    }
    if (!isInitializeRequest(body)) return fail(res, 400, 'Bad request: no valid session id');
    if (sessions.size >= maxSessions) return fail(res, 503, `Too many sessions (${maxSessions})`);
    const cortex = createCortexServer({ store });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, { transport, cortex }),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
      void cortex.close();
    };
    await cortex.mcp.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) fail(res, 500, `Internal error: ${(e as Error).message}`);
      else res.end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/mcp`,
    get sessions() {
      return sessions.size;
    },
    close() {
      closing ??= (async () => {
        const open = [...sessions.values()];
        sessions.clear();
        await Promise.allSettled(open.map((s) => s.transport.close()));
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
        if (owned) store.close();
      })();
      return closing;
    },
  };
}
