import { resolveSandboxSetting } from '@axon/sandbox';
import { parseMcpConfig, type McpConfig, type McpConfigInput } from '../config/schema.js';
import { urlHeaders } from '../transport/url-transport.js';
import { discoverCortex, type CortexDiscovery } from '../discovery/discover.js';
import { McpError, isMcpError } from '../errors/mcp-error.js';
import { invokeTool, listServerTools } from '../server/invoke.js';
import { ManagedServer, type ServerLaunch } from '../server/managed-server.js';
import { buildServerEnv } from '../transport/env.js';
import { CallScope } from '../util/call-scope.js';
import { Entries, type Entry } from './entries.js';
import type { McpPoolEvent, McpPoolListener } from './events.js';
import { recordCall, startCallSpan } from './telemetry.js';
import { CORTEX, exposedName, routeTool } from './route.js';
import { CallCounters, type McpPoolStatistics } from './statistics.js';
import type {
  McpCallOptions,
  McpListOptions,
  McpSessionInfo,
  McpToolCall,
  McpToolList,
  McpToolResult,
} from './types.js';

/**
 * MCP stdio servers per agent (or one shared set), with tool-call routing, per-call timeouts and
 * cancellation, supervision (restart with backoff, circuit breaker) and Cortex discovery.
 */
export class McpServerPool {
  /** The validated configuration. */
  readonly config: McpConfig;
  private readonly listeners = new Set<McpPoolListener>();
  private readonly counters = new CallCounters();
  private readonly entries: Entries;
  private discovery: Promise<CortexDiscovery> | undefined;
  private closed = false;

  /** Throws `MCP_INVALID_ARGUMENTS` naming the bad field of `config`. */
  constructor(config: McpConfigInput = {}) {
    this.config = parseMcpConfig(config);
    this.entries = new Entries(
      this.config,
      (key) => this.newServers(key),
      (n) => (this.counters.restartsOfClosed += n),
    );
  }

  /** Listens to server events (started, exited, restarting, circuit-open, tools-changed, stopped, log). */
  subscribe(listener: McpPoolListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The Cortex this pool runs (discovered once, on first need). */
  cortex(): Promise<CortexDiscovery> {
    if (!this.discovery) {
      const p = discoverCortex(this.config);
      this.discovery = p;
      p.catch(() => {
        if (this.discovery === p) this.discovery = undefined;
      });
    }
    return this.discovery;
  }

  /** Starts (or reuses) the agent's Cortex; concurrent callers for one key share one start. */
  async getOrCreate(agentId: string): Promise<McpSessionInfo> {
    const entry = this.acquire(agentId);
    const cortex = entry.servers.get(CORTEX)!;
    try {
      const conn = await cortex.ready();
      return { key: entry.key, pid: conn.transport.pid, protocolVersion: conn.transport.negotiatedProtocolVersion };
    } catch (err) {
      if (entry.agents.delete(agentId) && entry.agents.size === 0 && entry.inFlight === 0)
        await this.entries.close(entry);
      throw err;
    }
  }

  /** Calls a tool for `agentId` (starting its servers if needed). A tool's `isError` is returned, not thrown, unless `throwOnToolError`. */
  async callTool(agentId: string, call: McpToolCall, options: McpCallOptions = {}): Promise<McpToolResult> {
    if (typeof call?.name !== 'string' || call.name === '') {
      throw new McpError('MCP_INVALID_ARGUMENTS', 'callTool: "name" must be a non-empty string', {
        data: { field: 'name' },
      });
    }
    const args = call.arguments ?? {};
    if (typeof args !== 'object' || args === null || Array.isArray(args)) {
      throw new McpError('MCP_INVALID_ARGUMENTS', `callTool "${call.name}": "arguments" must be an object`, {
        data: { field: 'arguments' },
      });
    }
    const { server, tool } = routeTool(this.config, call.name);
    const entry = this.acquire(agentId);
    const scope = new CallScope(
      options.timeout ?? this.config.requestTimeout,
      options.signal,
      `tool "${call.name}" for "${agentId}"`,
    );
    this.counters.calls++;
    entry.inFlight++;
    const span = startCallSpan(server, tool);
    let outcome = 'ok';
    try {
      const result = await invokeTool(entry.servers.get(server)!, tool, args, scope, call.name);
      if (result.isError) outcome = 'tool_error';
      if (result.isError && options.throwOnToolError) {
        throw new McpError('MCP_TOOL_ERROR', `tool "${call.name}" for "${agentId}" reported an error`, {
          data: { tool: call.name, key: entry.key, result },
        });
      }
      return result;
    } catch (err) {
      this.counters.failures++;
      outcome = isMcpError(err) ? err.code : 'MCP_ERROR';
      if (isMcpError(err) && err.code === 'MCP_TIMEOUT') this.counters.timeouts++;
      if (isMcpError(err) && err.code === 'MCP_CANCELLED') this.counters.cancellations++;
      throw err;
    } finally {
      this.counters.record(scope.elapsed());
      recordCall(span, server, tool, outcome, scope.elapsed());
      scope.dispose();
      entry.inFlight--;
      this.entries.maybeIdle(entry);
    }
  }

  /**
   * Every tool the agent can call: Cortex's, then each extra server's as `server__tool` (all pages, cached per
   * connection). A server that cannot be listed (failed start, open breaker, timeout) does not fail the call: its
   * error is in `errors` and the other servers' tools are returned. Throws only when the caller cancels or the pool
   * is shut down.
   */
  async listTools(agentId: string, options: McpListOptions = {}): Promise<McpToolList> {
    const entry = this.acquire(agentId);
    const scope = new CallScope(
      options.timeout ?? this.config.requestTimeout,
      options.signal,
      `tools/list for "${agentId}"`,
    );
    entry.inFlight++;
    try {
      const only = options.servers;
      const servers = [...entry.servers.values()].filter((s) => !only || only.includes(s.name));
      const settled = await Promise.allSettled(servers.map((s) => listServerTools(s, scope)));
      if (scope.signal.aborted && !scope.timedOut) throw scope.error();
      if (this.closed) throw new McpError('MCP_SHUT_DOWN', `the MCP pool is shut down (agent "${agentId}")`);
      const list: McpToolList = { tools: [], errors: [] };
      settled.forEach((r, i) => {
        const s = servers[i]!;
        if (r.status === 'fulfilled')
          list.tools.push(...r.value.map((t) => ({ ...t, name: exposedName(s.name, t.name) })));
        else {
          const error = isMcpError(r.reason) ? r.reason : new McpError('MCP_UNAVAILABLE', String(r.reason));
          list.errors.push({ server: s.name, code: error.code, message: error.message, error });
        }
      });
      return list;
    } finally {
      scope.dispose();
      entry.inFlight--;
      this.entries.maybeIdle(entry);
    }
  }

  /** The agent no longer needs its servers: they stay warm for `idleTimeout`, then stop (unless used again). */
  async release(agentId: string): Promise<void> {
    const entry = this.entries.find(agentId);
    if (!entry) return;
    entry.agents.delete(agentId);
    if (entry.agents.size === 0) {
      entry.released = true;
      this.entries.maybeIdle(entry);
    }
  }

  /** Stops the agent's servers now (pending calls fail with `MCP_SHUT_DOWN`); in shared mode, only once no agent uses them. */
  async shutdown(agentId: string): Promise<void> {
    const entry = this.entries.find(agentId);
    if (!entry) return;
    entry.agents.delete(agentId);
    if (this.config.mode === 'per-agent' || entry.agents.size === 0) await this.entries.close(entry);
  }

  /** Stops every server (process groups included); the pool refuses work afterwards (`MCP_SHUT_DOWN`). */
  async shutdownAll(): Promise<void> {
    this.closed = true;
    await this.entries.closeAll();
  }

  /** Servers, calls, failures, timeouts, restarts and latency p50/p95. */
  getStatistics(): McpPoolStatistics {
    const c = this.counters;
    const perServer = this.entries.serverStatistics();
    return {
      servers: perServer.filter((s) => s.pid !== undefined).length,
      entries: this.entries.size,
      calls: c.calls,
      failures: c.failures,
      timeouts: c.timeouts,
      cancellations: c.cancellations,
      restarts: c.restartsOfClosed + perServer.reduce((n, s) => n + s.restarts, 0),
      latency: c.latency(),
      perServer,
    };
  }

  private acquire(agentId: string): Entry {
    if (typeof agentId !== 'string' || agentId === '') {
      throw new McpError('MCP_INVALID_ARGUMENTS', 'agentId must be a non-empty string', { data: { field: 'agentId' } });
    }
    if (this.closed) throw new McpError('MCP_SHUT_DOWN', `the MCP pool is shut down (agent "${agentId}")`);
    return this.entries.acquire(agentId);
  }

  private newServers(key: string): Map<string, ManagedServer> {
    const emit = (e: McpPoolEvent) => this.emit(e);
    const { config } = this;
    const servers = new Map<string, ManagedServer>();
    const cortexLaunch = async (): Promise<ServerLaunch> => {
      if (config.cortexUrl !== undefined) return { url: config.cortexUrl, headers: urlHeaders(config.cortexToken) };
      const d = await this.cortex();
      return { command: d.command, args: d.args, env: buildServerEnv(config.envAllowlist, config.cortexEnv) };
    };
    servers.set(CORTEX, new ManagedServer(key, CORTEX, cortexLaunch, config, emit));
    for (const [name, spec] of Object.entries(config.servers)) {
      const launch = async (): Promise<ServerLaunch> =>
        'url' in spec
          ? { url: spec.url, headers: urlHeaders(spec.token, spec.headers) }
          : {
              command: spec.command,
              args: spec.args,
              env: buildServerEnv(config.envAllowlist, spec.env),
              cwd: spec.cwd,
              sandbox: resolveSandboxSetting(spec.sandbox),
            };
      servers.set(name, new ManagedServer(key, name, launch, config, emit));
    }
    return servers;
  }

  private emit(event: McpPoolEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        /* a listener's failure is its own */
      }
    }
  }
}
