import type { SandboxPolicy } from '@axon/sandbox';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { McpConfig } from '../config/schema.js';
import { McpError } from '../errors/mcp-error.js';
import type { McpPoolEvent } from '../pool/events.js';
import { ProcessTransport } from '../transport/process-transport.js';
import { UrlTransport } from '../transport/url-transport.js';
import { backoffDelay } from './backoff.js';
import { Breaker } from './breaker.js';
import type { LostConnection } from './map-error.js';
import { Slots } from './slots.js';
import type { ToolCatalog } from './tool-catalog.js';

/** How to start a server: resolved lazily (Cortex is discovered on first start). */
export type ServerLaunch =
  | {
      command: string;
      args: string[];
      env: Record<string, string>;
      cwd?: string | undefined;
      /** The server's sandbox, or null/absent for none. */
      sandbox?: SandboxPolicy | null;
    }
  | { url: string; headers: Record<string, string> };

/** A live connection to one server (a child process, or a URL). */
export interface Connection {
  client: Client;
  transport: ProcessTransport | UrlTransport;
  /** Set once the connection has ended. */
  lost: LostConnection | undefined;
  catalog: Promise<ToolCatalog> | undefined;
  /** `catalog` once it has loaded (a call then checks the tool without waiting on a promise). */
  catalogLoaded?: ToolCatalog | undefined;
}

/** Life of a supervised server. `open` = circuit breaker open. */
export type ServerState = 'stopped' | 'starting' | 'ready' | 'backoff' | 'open' | 'closed';

const VERSION = '0.1.0';

/**
 * One supervised MCP server: started on demand, restarted with backoff when it dies, then circuit-broken (the
 * {@link Breaker} opens after `maxRetries` + 1 consecutive deaths or failed starts, and lets one trial start through
 * after `circuitResetTime`).
 */
export class ManagedServer {
  state: ServerState = 'stopped';
  conn: Connection | undefined;
  restarts = 0;
  readonly slots: Slots;
  private readonly breaker: Breaker;
  private starting: Promise<Connection> | undefined;
  private lastError: unknown;
  private started = false;
  private wake: (() => void) | undefined;

  constructor(
    readonly key: string,
    readonly name: string,
    private readonly launch: () => Promise<ServerLaunch>,
    private readonly config: McpConfig,
    private readonly emit: (e: McpPoolEvent) => void,
  ) {
    this.slots = new Slots(config.maxInFlightPerServer);
    this.breaker = new Breaker({
      failureThreshold: config.maxRetries + 1,
      cooldown: config.circuitResetTime === 0 ? Infinity : config.circuitResetTime,
      now: () => performance.now(),
    });
  }

  /** Consecutive failures (deaths and failed starts) since the last answered call. */
  get failures(): number {
    return this.breaker.consecutiveFailures;
  }

  /** The live connection, starting (or waiting for a restart of) the server when needed. */
  ready(): Promise<Connection> {
    if (this.state === 'ready' && this.conn) return Promise.resolve(this.conn);
    if (this.state === 'closed') return Promise.reject(this.shutDownError());
    if (this.starting) return this.starting;
    if (this.state === 'open') {
      // Half-open after circuitResetTime: this start is the one trial.
      if (!this.breaker.tryAcquire()) {
        return Promise.reject(
          new McpError(
            'MCP_UNAVAILABLE',
            `server "${this.name}" of "${this.key}" is unavailable: circuit breaker open after ${this.failures} failures`,
            {
              cause: this.lastError,
              data: { server: this.name, key: this.key, circuit: 'open' },
            },
          ),
        );
      }
    }
    return (this.starting = this.run(0));
  }

  /** Marks the last call as answered: the server is healthy again. */
  answered(): void {
    this.breaker.recordSuccess();
  }

  /** Stops the server for good (graceful: stdin, SIGTERM, SIGKILL of the group). */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.wake?.();
    await this.starting?.catch(() => {});
    const conn = this.conn;
    this.conn = undefined;
    if (conn) {
      conn.lost ??= { byPool: true, exitCode: null, signal: null, stderrTail: '' };
      await conn.transport.close();
      await conn.client.close().catch(() => {});
    }
    this.emit({ type: 'stopped', key: this.key, server: this.name });
  }

  private run(delay: number): Promise<Connection> {
    const p = (async () => {
      for (;;) {
        if (delay > 0) {
          this.state = 'backoff';
          await new Promise<void>((r) => {
            const t = setTimeout(r, delay);
            this.wake = () => {
              clearTimeout(t);
              r();
            };
          });
          this.wake = undefined;
        }
        if (this.isClosed()) throw this.shutDownError();
        this.state = 'starting';
        try {
          const conn = await this.startOnce();
          if (this.isClosed()) {
            conn.lost = { byPool: true, exitCode: null, signal: null, stderrTail: '' };
            await conn.transport.close();
            throw this.shutDownError();
          }
          this.conn = conn;
          this.state = 'ready';
          if (this.started) this.restarts++;
          this.emit({
            type: 'started',
            key: this.key,
            server: this.name,
            pid: conn.transport.pid ?? -1,
            protocolVersion: conn.transport.negotiatedProtocolVersion,
            restart: this.started,
          });
          this.started = true;
          return conn;
        } catch (err) {
          if (this.isClosed()) throw this.shutDownError();
          this.lastError = err;
          // A server that answers an unacceptable protocol version will answer it again: no restarts.
          const hopeless = err instanceof McpError && err.data?.['versionMismatch'] === true;
          if (hopeless) this.breaker.open();
          if (hopeless || this.breaker.recordFailure() || this.breaker.state === 'open') {
            this.openCircuit(err);
            throw err instanceof McpError ? withCircuit(err) : err;
          }
          delay = backoffDelay(this.failures, { base: this.config.restartBackoff, max: this.config.maxRestartBackoff });
          this.emit({ type: 'restarting', key: this.key, server: this.name, attempt: this.failures, delayMs: delay });
        }
      }
    })();
    const clear = () => {
      if (this.starting === p) this.starting = undefined;
    };
    p.then(clear, clear);
    return p;
  }

  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private openCircuit(err: unknown): void {
    this.state = 'open';
    this.emit({
      type: 'circuit-open',
      key: this.key,
      server: this.name,
      failures: this.failures,
      reason: String((err as Error)?.message ?? err),
    });
  }

  private async startOnce(): Promise<Connection> {
    const launch = await this.launch();
    const logging = this.config.enableMcpLogging;
    const transport =
      'url' in launch
        ? new UrlTransport(launch.url, launch.headers)
        : new ProcessTransport({
            ...launch,
            ...(this.config.pinProtocolVersion ? { protocolVersion: this.config.protocolVersion } : {}),
            stderrBufferSize: this.config.stderrBufferSize,
            gracePeriod: this.config.shutdownGracePeriod,
            ...(logging
              ? {
                  onStderrLine: (line: string) =>
                    this.emit({ type: 'log', key: this.key, server: this.name, source: 'stderr', line }),
                }
              : {}),
          });
    const client = new Client({ name: 'axon-mcp', version: VERSION }, { capabilities: {} });
    const conn: Connection = { client, transport, lost: undefined, catalog: undefined };
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      conn.catalog = undefined;
      conn.catalogLoaded = undefined;
      this.emit({ type: 'tools-changed', key: this.key, server: this.name });
    });
    if (logging) {
      client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
        const line = typeof n.params.data === 'string' ? n.params.data : JSON.stringify(n.params.data);
        this.emit({
          type: 'log',
          key: this.key,
          server: this.name,
          source: 'mcp',
          line: `[${n.params.level}] ${line}`,
        });
      });
    }
    client.onerror = () => {}; // transport noise (EPIPE on a dying child) is reported through onclose
    client.onclose = () => this.onClosed(conn);
    try {
      await client.connect(transport, { timeout: this.config.startTimeout });
      checkVersion(transport.negotiatedProtocolVersion, this.config);
      return conn;
    } catch (err) {
      conn.lost ??= { byPool: true, exitCode: null, signal: null, stderrTail: '' };
      await transport.close().catch(() => {});
      const exit = transport.exit;
      const stderrTail = transport.stderr.tail(20);
      const cmd = 'url' in launch ? launch.url : [launch.command, ...launch.args].join(' ');
      throw new McpError(
        'MCP_START_FAILED',
        `server "${this.name}" of "${this.key}" failed to start (${cmd}): ${(err as Error).message}${stderrTail ? `\n${stderrTail}` : ''}`,
        {
          cause: err,
          data: {
            server: this.name,
            key: this.key,
            ...('url' in launch ? { url: launch.url } : { command: launch.command, args: launch.args }),
            exitCode: exit?.exitCode ?? null,
            signal: exit?.signal ?? null,
            stderrTail,
            ...(err instanceof VersionMismatch && { versionMismatch: true, protocolVersion: err.answered }),
          },
        },
      );
    }
  }

  private onClosed(conn: Connection): void {
    const exit = conn.transport.exit;
    const expected = conn.lost?.byPool === true;
    conn.lost ??= {
      byPool: false,
      exitCode: exit?.exitCode ?? null,
      signal: exit?.signal ?? null,
      stderrTail: conn.transport.stderr.tail(20),
    };
    this.emit({
      type: 'exited',
      key: this.key,
      server: this.name,
      pid: conn.transport.pid ?? -1,
      exitCode: exit?.exitCode ?? null,
      signal: exit?.signal ?? null,
      expected,
    });
    if (this.conn !== conn) return;
    this.conn = undefined;
    if (expected || this.isClosed()) return;
    this.lastError = new Error(`exited (code ${exit?.exitCode ?? null}, signal ${exit?.signal ?? null})`);
    if (this.breaker.recordFailure() || this.breaker.state === 'open') {
      this.openCircuit(this.lastError);
      return;
    }
    this.state = 'stopped';
    const delay = backoffDelay(this.failures, { base: this.config.restartBackoff, max: this.config.maxRestartBackoff });
    this.emit({ type: 'restarting', key: this.key, server: this.name, attempt: this.failures, delayMs: delay });
    this.starting = this.run(delay);
    this.starting.catch(() => {});
  }

  private shutDownError(): McpError {
    return new McpError('MCP_SHUT_DOWN', `server "${this.name}" of "${this.key}" is shut down`, {
      data: { server: this.name, key: this.key },
    });
  }
}

function withCircuit(err: McpError): McpError {
  return new McpError(err.code, `${err.message}\n(circuit breaker open: no more restarts)`, {
    cause: err.cause,
    data: { ...err.data, circuit: 'open' },
  });
}

// MCP versions are dates (YYYY-MM-DD), so string order is age order.
function checkVersion(answered: string | undefined, config: McpConfig): void {
  const wanted = config.protocolVersion;
  if (answered === undefined) return;
  if (config.pinProtocolVersion ? answered !== wanted : answered < wanted) {
    const rule = config.pinProtocolVersion ? `the pinned ${wanted}` : `the oldest accepted, ${wanted}`;
    throw new VersionMismatch(answered, rule);
  }
}

class VersionMismatch extends Error {
  constructor(
    readonly answered: string,
    rule: string,
  ) {
    super(`the server answered MCP protocol version ${answered}, which is not ${rule} (mcp.protocolVersion)`);
  }
}
