import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NetworkAllowlist } from '../policy/schema.js';
import { hostAllowed, splitHostPort } from './match.js';

/** One connection attempt seen by the proxy. */
export interface ProxyDecision {
  host: string;
  port: number;
  allowed: boolean;
  /** Why it was refused (`not on the allowlist`, `port not allowed`, `bad request`, or the connect error). */
  reason?: string;
}

/** Options of {@link NetworkProxy.start}. */
export interface NetworkProxyOptions {
  allowlist: NetworkAllowlist;
  /** Called for every request, allowed or not (for the audit trail). */
  onDecision?: (d: ProxyDecision) => void;
  /** Give the socket's directory to this host uid/gid (the sandbox runs as it). */
  owner?: { uid: number; gid: number };
}

const MAX_HEAD = 16 * 1024;

/**
 * The filtering proxy of one sandbox: HTTP CONNECT (and absolute-form plain HTTP) on a unix socket that is mounted
 * into the sandbox, allowing only the policy's host names and ports. Everything else gets `403` and no connection.
 */
export class NetworkProxy {
  private readonly sockets = new Set<Socket>();
  private constructor(
    private readonly server: Server,
    private readonly dir: string,
    /** The unix socket to mount into the sandbox. */
    readonly socketPath: string,
  ) {}

  /** Starts listening on a fresh socket in a private directory. */
  static async start(o: NetworkProxyOptions): Promise<NetworkProxy> {
    const dir = mkdtempSync(join(tmpdir(), 'axon-proxy-'));
    if (o.owner) chownSync(dir, o.owner.uid, o.owner.gid);
    const socketPath = join(dir, 'proxy.sock');
    const server = createServer();
    const proxy = new NetworkProxy(server, dir, socketPath);
    server.on('connection', (c) => proxy.handle(c, o));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
    if (o.owner) chownSync(socketPath, o.owner.uid, o.owner.gid);
    return proxy;
  }

  private handle(client: Socket, o: NetworkProxyOptions): void {
    this.track(client);
    // A client that resets must never crash the runtime: errors end its connection (and its tunnel, below).
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEAD) this.refuse(client, o, { host: '', port: 0 }, 'bad request', 431);
        return;
      }
      client.off('data', onData);
      this.route(client, o, head.subarray(0, end).toString('latin1'), head.subarray(end + 4));
    };
    client.on('data', onData);
  }

  private route(client: Socket, o: NetworkProxyOptions, head: string, rest: Buffer): void {
    const [requestLine = '', ...headers] = head.split('\r\n');
    const [method = '', target = '', version = 'HTTP/1.1'] = requestLine.split(' ');
    let dest: { host: string; port: number } | null;
    let forward: Buffer | null = null;
    if (method === 'CONNECT') dest = splitHostPort(target, 443);
    else {
      let url: URL | null = null;
      try {
        url = new URL(target);
      } catch {
        /* not absolute-form */
      }
      dest = url?.protocol === 'http:' ? splitHostPort(url.host, 80) : null;
      if (url && dest)
        forward = Buffer.concat([
          Buffer.from(`${method} ${url.pathname}${url.search} ${version}\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1'),
          rest,
        ]);
    }
    if (!dest) return this.refuse(client, o, { host: target, port: 0 }, 'bad request', 400);
    if (!hostAllowed(dest.host, o.allowlist.allow)) return this.refuse(client, o, dest, 'not on the allowlist', 403);
    if (!o.allowlist.ports.includes(dest.port)) return this.refuse(client, o, dest, 'port not allowed', 403);
    const address = o.allowlist.hosts[dest.host.toLowerCase()] ?? dest.host;
    const upstream = connect({ host: address, port: dest.port });
    this.track(upstream);
    const failed = (err: Error): void => this.refuse(client, o, dest, `connect failed: ${err.message}`, 502);
    upstream.once('error', failed);
    upstream.once('connect', () => {
      upstream.off('error', failed);
      o.onDecision?.({ ...dest, allowed: true });
      if (forward) upstream.write(forward);
      else {
        client.write(`${version} 200 Connection Established\r\n\r\n`);
        if (rest.length > 0) upstream.write(rest);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
  }

  private refuse(
    client: Socket,
    o: NetworkProxyOptions,
    dest: { host: string; port: number },
    reason: string,
    status: number,
  ): void {
    o.onDecision?.({ ...dest, allowed: false, reason });
    client.end(`HTTP/1.1 ${status} Axon sandbox: ${reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  }

  private track(s: Socket): void {
    this.sockets.add(s);
    s.once('close', () => this.sockets.delete(s));
  }

  /** Stops listening, drops open tunnels and removes the socket's directory. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
