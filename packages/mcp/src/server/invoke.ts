import { McpError } from '../errors/mcp-error.js';
import type { McpToolInfo } from './tool-catalog.js';
import { loadToolCatalog, type ToolCatalog } from './tool-catalog.js';
import type { McpToolResult } from '../pool/types.js';
import type { CallScope } from '../util/call-scope.js';
import type { Connection, ManagedServer } from './managed-server.js';
import { mapCallError } from './map-error.js';

// The SDK's own per-request timer is not used: the scope's signal carries both timeout and cancellation.
const NO_SDK_TIMEOUT = 2 ** 31 - 1;

/** The connection's tool catalog, listed once per connection (again after `tools/list_changed`). */
export function catalogOf(conn: Connection, fresh = false): Promise<ToolCatalog> {
  if (fresh || !conn.catalog) {
    const p = loadToolCatalog(conn.client);
    conn.catalog = p;
    conn.catalogLoaded = undefined;
    p.then(
      (catalog) => {
        if (conn.catalog === p) conn.catalogLoaded = catalog;
      },
      () => {
        if (conn.catalog === p) conn.catalog = undefined;
      },
    );
  }
  return conn.catalog;
}

/** Lists a server's tools (starting it if needed). */
export async function listServerTools(server: ManagedServer, scope: CallScope): Promise<McpToolInfo[]> {
  let conn: Connection | undefined;
  try {
    conn = await scope.race(server.ready());
    return (await scope.race(catalogOf(conn))).tools;
  } catch (err) {
    throw mapCallError(err, { scope, server: server.name, key: server.key, tool: 'tools/list', lost: conn?.lost });
  }
}

/** Calls `tool` on `server`: start or wait for it, check name and arguments, take a slot, call, map errors. */
export async function invokeTool(
  server: ManagedServer,
  tool: string,
  args: Record<string, unknown>,
  scope: CallScope,
  exposed: string,
): Promise<McpToolResult> {
  let conn: Connection | undefined;
  let release: (() => void) | undefined;
  try {
    // The usual call (server up, tools listed, a slot free) takes no await before the request goes out.
    conn = server.state === 'ready' && server.conn ? server.conn : await scope.race(server.ready());
    let catalog = conn.catalogLoaded ?? (await scope.race(catalogOf(conn)));
    if (!catalog.tools.some((t) => t.name === tool)) catalog = await scope.race(catalogOf(conn, true));
    if (!catalog.tools.some((t) => t.name === tool)) {
      throw new McpError(
        'MCP_UNKNOWN_TOOL',
        `no tool "${exposed}" on server "${server.name}"; it has: ${catalog.tools.map((t) => t.name).join(', ')}`,
        {
          data: { server: server.name, key: server.key, tool: exposed, available: catalog.tools.map((t) => t.name) },
        },
      );
    }
    const check = catalog.validators.get(tool)?.(args);
    if (check && !check.valid) {
      const field = fieldOf(check.errorMessage);
      throw new McpError('MCP_INVALID_ARGUMENTS', `invalid arguments for "${exposed}": ${check.errorMessage}`, {
        data: { server: server.name, key: server.key, tool: exposed, field, message: check.errorMessage },
      });
    }
    release = server.slots.tryAcquire();
    if (!release) {
      try {
        release = await server.slots.acquire(scope.signal);
      } catch (err) {
        throw scope.signal.aborted ? scope.error() : err;
      }
    }
    const res = await conn.client.callTool({ name: tool, arguments: args }, undefined, {
      signal: scope.signal,
      timeout: NO_SDK_TIMEOUT,
    });
    server.answered();
    const out: McpToolResult = { content: (res.content as unknown[] | undefined) ?? [], isError: res.isError === true };
    if (res.structuredContent !== undefined) out.structuredContent = res.structuredContent as Record<string, unknown>;
    return out;
  } catch (err) {
    throw mapCallError(err, { scope, server: server.name, key: server.key, tool: exposed, lost: conn?.lost });
  } finally {
    release?.();
  }
}

/** The dotted path of the first bad argument in ajv's message ("data/o must have required property 'x'" → `o.x`). */
export function fieldOf(errorMessage: string): string {
  const m = /^data((?:\/[^ ,/]+)*) (?:must have required property '([^']+)')?/.exec(errorMessage);
  if (!m) return '';
  const parts = (m[1] ?? '').split('/').filter(Boolean);
  if (m[2] !== undefined) parts.push(m[2]);
  return parts.join('.');
}
