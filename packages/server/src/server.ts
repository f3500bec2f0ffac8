import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { AgentRuntime, type ShutdownReport } from '@axon/core';
import { apiRoutes } from './api/routes.js';
import type { ServeConfig } from './config/load.js';
import { ApiError, sendError, sendJson, SECURITY_HEADERS } from './http/api-error.js';
import { isAuthorized, sessionCookie, tokenMatches } from './http/auth.js';
import type { Router } from './http/router.js';
import { dashboardDir, DASHBOARD_CSP, loginPage, serveStatic } from './http/static.js';
import { startLogSink } from './logs/log-sink.js';
import { defaultStateDir, ensureToken, removeState, writeState } from './state/state-file.js';
import { TaskTracker } from './tasks/task-tracker.js';
import { setupTelemetry, type Telemetry } from './telemetry/setup.js';

/** Options of {@link AxonServer.start}. */
export interface AxonServerOptions {
  /** Write the state file clients read (`axon status` …). Default true. */
  writeStateFile?: boolean;
  /** Install the OpenTelemetry SDK (`monitoring.metrics`). Default true; turn off when the host program has its own. */
  telemetry?: boolean;
  /** Environment for the state directory lookup. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * `axon serve` as a library: an `AgentRuntime` from a {@link ServeConfig}, with the admin API, `/metrics`, the
 * dashboard and agent log aggregation on one `node:http` server.
 */
export class AxonServer {
  /** The runtime it serves. */
  readonly runtime: AgentRuntime;
  /** Tasks queued, running and recently finished. */
  readonly tasks: TaskTracker;
  /** The bearer token clients send. */
  readonly token: string;
  /** File holding the token. */
  readonly tokenFile: string;
  /** Directory of the state file. */
  readonly stateDir: string;
  private readonly http: Server;
  private readonly routes: Router;
  private readonly sockets = new Set<Socket>();
  private readonly dashboard = dashboardDir();
  private readonly startedAt = Date.now();
  private telemetry: Telemetry | undefined;
  private stopLogs: () => Promise<void> = async () => undefined;
  private address: AddressInfo | undefined;
  private stopping: Promise<ShutdownReport> | undefined;
  private readonly stoppedWaiters: Array<(r: ShutdownReport) => void> = [];

  private constructor(
    readonly config: ServeConfig,
    private readonly options: AxonServerOptions,
  ) {
    if (options.telemetry !== false) this.telemetry = setupTelemetry(config.metrics);
    this.stateDir = config.server.stateDir ?? defaultStateDir(options.env);
    this.tokenFile = config.server.tokenFile ?? join(this.stateDir, 'token');
    this.token = ensureToken(this.tokenFile, config.server.token);
    this.runtime = new AgentRuntime(config.runtime);
    for (const [name, spec] of Object.entries(config.agentTypes)) this.runtime.registerAgentType(name, spec);
    this.tasks = new TaskTracker(this.runtime, config.server.recentTasks);
    this.routes = apiRoutes({
      runtime: this.runtime,
      tasks: this.tasks,
      bodyLimit: config.server.bodyLimit,
      startedAt: this.startedAt,
      shutdown: () => void this.stop(),
    });
    this.http = createServer((req, res) => void this.handle(req, res));
    this.http.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  /** Starts the runtime (warm agents included) and the HTTP server; resolves once both are up. */
  static async start(config: ServeConfig, options: AxonServerOptions = {}): Promise<AxonServer> {
    const server = new AxonServer(config, options);
    try {
      await server.runtime.start();
      server.stopLogs = startLogSink(server.runtime, config.logs, (id) => server.runningTask(id));
      await new Promise<void>((resolve, reject) => {
        server.http.once('error', reject);
        server.http.listen(config.server.port, config.server.host, () => {
          server.http.off('error', reject);
          resolve();
        });
      });
    } catch (e) {
      await server.runtime.shutdown().catch(() => undefined);
      await server.telemetry?.shutdown();
      throw e;
    }
    server.address = server.http.address() as AddressInfo;
    if (options.writeStateFile !== false)
      writeState(server.stateDir, {
        url: server.url,
        pid: process.pid,
        tokenFile: server.tokenFile,
        startedAt: server.startedAt,
        ...(config.file && { config: config.file }),
      });
    return server;
  }

  /** Base URL, e.g. `http://127.0.0.1:7070`. */
  get url(): string {
    const a = this.address!;
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return `http://${host}:${a.port}`;
  }

  /** Resolves when the server has stopped (after {@link stop}, `POST /api/shutdown` or a signal). */
  stopped(): Promise<ShutdownReport> {
    return new Promise((resolve) => this.stoppedWaiters.push(resolve));
  }

  /**
   * Graceful stop (idempotent): refuses new connections, lets running tasks finish until `drainTimeout`, cancels the
   * rest, stops every agent, closes open streams, flushes telemetry and logs, removes the state file.
   */
  stop(): Promise<ShutdownReport> {
    this.stopping ??= (async () => {
      this.http.close();
      const drain = this.config.server.drainTimeout;
      const report = await this.runtime.shutdown(drain === undefined ? {} : { timeout: drain });
      this.tasks.close();
      for (const s of this.sockets) s.destroy();
      await this.stopLogs();
      await this.telemetry?.shutdown();
      if (this.options.writeStateFile !== false) removeState(this.stateDir, process.pid);
      for (const w of this.stoppedWaiters.splice(0)) w(report);
      return report;
    })();
    return this.stopping;
  }

  private runningTask(agentId: string): string | undefined {
    for (const t of this.tasks.list().running) if (t.agentId === agentId) return t.id;
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      const method = req.method ?? 'GET';
      if (method === 'OPTIONS')
        throw new ApiError(405, 'METHOD_NOT_ALLOWED', 'no CORS: the admin API is same-origin only');
      if (path.startsWith('/assets/') && method === 'GET') return await serveStatic(res, this.dashboard, path.slice(8));
      if (path === '/login' && method === 'POST') return await this.login(req, res);
      if (path === '/' && method === 'GET') return await this.dashboardPage(req, res, url);
      if (!isAuthorized(req, this.token))
        throw new ApiError(401, 'UNAUTHORIZED', 'missing or wrong bearer token (Authorization: Bearer <token>)');
      if (path === '/metrics' && method === 'GET') {
        if (!this.telemetry?.prometheus)
          throw new ApiError(404, 'NOT_FOUND', 'Prometheus metrics are off (monitoring.metrics.prometheus)');
        return this.telemetry.prometheus(req, res);
      }
      const { handler, params } = this.routes.match(method, path);
      const out = await handler({ req, res, params, url });
      if (!res.headersSent && !res.writableEnded) sendJson(res, 200, out ?? null);
    } catch (e) {
      sendError(res, e);
    }
  }

  private async dashboardPage(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const given = url.searchParams.get('token');
    if (given !== null) {
      // Exchange the token in the URL for a cookie, and drop it from the address bar and history.
      const ok = tokenMatches(given, this.token);
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        location: ok ? '/' : '/?failed',
        ...(ok && { 'set-cookie': sessionCookie(this.token) }),
      });
      res.end();
      return;
    }
    if (!isAuthorized(req, this.token)) {
      const html = loginPage(url.searchParams.has('failed'));
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': DASHBOARD_CSP,
      });
      res.end(html);
      return;
    }
    await serveStatic(res, this.dashboard, 'index.html');
  }

  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded'))
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'expected a form post');
    let text = '';
    for await (const chunk of req as AsyncIterable<Buffer>) {
      text += chunk.toString('utf8');
      if (text.length > 4096) throw new ApiError(413, 'BODY_TOO_LARGE', 'login form too large');
    }
    const token = new URLSearchParams(text).get('token') ?? '';
    const ok = tokenMatches(token, this.token);
    res.writeHead(303, {
      ...SECURITY_HEADERS,
      location: ok ? '/' : '/?failed',
      ...(ok && { 'set-cookie': sessionCookie(this.token) }),
    });
    res.end();
  }
}
