import type { McpConfig } from '../config/schema.js';
import { McpError } from '../errors/mcp-error.js';
import type { ManagedServer } from '../server/managed-server.js';
import type { McpServerStatistics } from './statistics.js';

/** The servers of one key (an agent, or `"shared"`). */
export interface Entry {
  key: string;
  servers: Map<string, ManagedServer>;
  /** Agents using it (one in per-agent mode). */
  agents: Set<string>;
  /** No agent uses it: it stops after `idleTimeout` unless used again. */
  released: boolean;
  inFlight: number;
  lastUsed: number;
  idleTimer: NodeJS.Timeout | undefined;
}

/** The pool's entries: creation, capacity (`maxServers`, evicting idle ones first), idle stop, closing. */
export class Entries {
  private readonly map = new Map<string, Entry>();
  private readonly closing = new Set<Promise<void>>();

  constructor(
    private readonly config: McpConfig,
    private readonly create: (key: string) => Map<string, ManagedServer>,
    private readonly onClosed: (restarts: number) => void,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** The entry serving `agentId`, if any. */
  find(agentId: string): Entry | undefined {
    return this.map.get(this.keyOf(agentId));
  }

  /** The entry serving `agentId`, created when missing; marks it in use. */
  acquire(agentId: string): Entry {
    const key = this.keyOf(agentId);
    let entry = this.map.get(key);
    if (!entry) {
      if (this.map.size >= this.config.maxServers) this.evictOne(agentId);
      entry = {
        key,
        servers: this.create(key),
        agents: new Set(),
        released: false,
        inFlight: 0,
        lastUsed: 0,
        idleTimer: undefined,
      };
      this.map.set(key, entry);
    }
    entry.agents.add(agentId);
    entry.released = false;
    entry.lastUsed = performance.now();
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
    return entry;
  }

  /** Starts the idle countdown of a released entry with no call in flight. */
  maybeIdle(entry: Entry): void {
    if (!entry.released || entry.inFlight > 0 || entry.idleTimer || this.map.get(entry.key) !== entry) return;
    const stop = () => {
      if (entry.released && entry.inFlight === 0) void this.close(entry);
    };
    if (this.config.idleTimeout === 0) stop();
    else {
      entry.idleTimer = setTimeout(stop, this.config.idleTimeout);
      entry.idleTimer.unref();
    }
  }

  /** Stops an entry's servers and forgets it. */
  close(entry: Entry): Promise<void> {
    if (this.map.get(entry.key) === entry) this.map.delete(entry.key);
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    const p = Promise.all([...entry.servers.values()].map((s) => s.close())).then(() => {
      this.onClosed([...entry.servers.values()].reduce((n, s) => n + s.restarts, 0));
    });
    this.closing.add(p);
    void p.finally(() => this.closing.delete(p));
    return p;
  }

  /** Stops every entry, and waits for closes already under way. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.map.values()].map((e) => this.close(e)));
    await Promise.all([...this.closing]);
  }

  /** One row per server of every entry. */
  serverStatistics(): McpServerStatistics[] {
    const rows: McpServerStatistics[] = [];
    for (const entry of this.map.values()) {
      for (const s of entry.servers.values()) {
        rows.push({
          key: entry.key,
          server: s.name,
          state: s.state,
          pid: s.conn?.transport.pid,
          protocolVersion: s.conn?.transport.negotiatedProtocolVersion,
          inFlight: s.slots.inUse,
          queued: s.slots.queued,
          restarts: s.restarts,
          failures: s.failures,
        });
      }
    }
    return rows;
  }

  private keyOf(agentId: string): string {
    return this.config.mode === 'shared' ? 'shared' : agentId;
  }

  private evictOne(forAgent: string): void {
    let victim: Entry | undefined;
    for (const e of this.map.values()) {
      if (e.released && e.inFlight === 0 && (!victim || e.lastUsed < victim.lastUsed)) victim = e;
    }
    if (!victim) {
      throw new McpError(
        'MCP_UNAVAILABLE',
        `cannot serve "${forAgent}": the MCP pool is at maxServers (${this.config.maxServers}) and none is idle; release an agent or raise maxServers`,
        {
          data: { reason: 'capacity', maxServers: this.config.maxServers },
        },
      );
    }
    void this.close(victim);
  }
}
