import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CortexStore, type CortexStoreOptions } from '../store/cortex-store.js';
import { resolveDbPath } from '../default-db-path.js';
import { CORTEX_VERSION } from '../version.js';
import { registerCortexTools } from './tools.js';

/** Options of {@link createCortexServer}. */
export interface CortexServerOptions {
  /** Database file, created if missing; default as the CLI ({@link resolveDbPath}). Ignored when `store` is given. */
  dbPath?: string;
  /** An open store to serve instead of opening `dbPath`; it is not closed by `close()`. */
  store?: CortexStore;
  /** SQLite `synchronous` level; see {@link CortexStoreOptions.synchronous}. Default `NORMAL`. */
  synchronous?: CortexStoreOptions['synchronous'];
}

/** A Cortex MCP server, not yet connected: `await mcp.connect(transport)`. */
export interface CortexServer {
  /** The SDK server with the four Cortex tools registered. */
  mcp: McpServer;
  /** The store behind it. */
  store: CortexStore;
  /** Closes the MCP connection, then the store if this server opened it. Idempotent. */
  close(): Promise<void>;
}

/** Builds the Cortex MCP server (official SDK `McpServer`) over a {@link CortexStore}. */
export function createCortexServer(options: CortexServerOptions): CortexServer {
  const owned = options.store === undefined;
  const store =
    options.store ??
    new CortexStore({
      path: options.dbPath ?? resolveDbPath(),
      ...(options.synchronous ? { synchronous: options.synchronous } : {}),
    });
  const mcp = new McpServer(
    { name: 'cortex', version: CORTEX_VERSION },
    {
      instructions:
        'Cortex is a long-term memory. Store durable facts and decisions with cortex_store, find them with ' +
        'cortex_search, read them whole with cortex_retrieve.',
    },
  );
  registerCortexTools(mcp, store);
  let closed = false;
  return {
    mcp,
    store,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await mcp.close();
      } finally {
        if (owned) store.close();
      }
    },
  };
}
