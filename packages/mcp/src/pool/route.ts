import type { McpConfig } from '../config/schema.js';

/** The name of the Cortex server in routes, events and statistics. */
export const CORTEX = 'cortex';

/** Which server serves `name`: `server__tool` for a configured extra server, else Cortex. */
export function routeTool(config: McpConfig, name: string): { server: string; tool: string } {
  const at = name.indexOf('__');
  if (at > 0) {
    const server = name.slice(0, at);
    if (Object.hasOwn(config.servers, server)) return { server, tool: name.slice(at + 2) };
  }
  return { server: CORTEX, tool: name };
}

/** The name a tool of `server` is listed and called by. */
export function exposedName(server: string, tool: string): string {
  return server === CORTEX ? tool : `${server}__${tool}`;
}
