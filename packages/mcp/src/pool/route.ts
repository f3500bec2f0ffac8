import type { McpConfig } from '../config/schema.js';
import { McpError } from '../errors/mcp-error.js';

/** The name of the Cortex server in routes, events and statistics. */
export const CORTEX = 'cortex';

/**
 * Which server serves `name`: `server__tool` for a configured extra server, a name without `__` for Cortex.
 * A `server__` prefix that names no configured server throws `MCP_UNKNOWN_TOOL` naming that server.
 */
export function routeTool(config: McpConfig, name: string): { server: string; tool: string } {
  const at = name.indexOf('__');
  if (at <= 0) return { server: CORTEX, tool: name };
  const server = name.slice(0, at);
  if (Object.hasOwn(config.servers, server)) return { server, tool: name.slice(at + 2) };
  const known = serverNames(config);
  throw new McpError(
    'MCP_UNKNOWN_TOOL',
    `no server "${server}" (tool "${name}"); configured servers: ${known.join(', ')}`,
    { data: { server, tool: name, field: 'name', servers: known } },
  );
}

/** The name a tool of `server` is listed and called by. */
export function exposedName(server: string, tool: string): string {
  return server === CORTEX ? tool : `${server}__${tool}`;
}

/** Every server of a pool: Cortex first, then the extra servers in config order. */
export function serverNames(config: McpConfig): string[] {
  return [CORTEX, ...Object.keys(config.servers)];
}
