import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isMcpError, type McpError } from '../../src/errors/mcp-error.js';
import { DegradingMcpPool } from '../../src/pool/degrading-pool.js';
import { McpServerPool } from '../../src/pool/pool.js';
import { echoServer, textOf } from '../helpers.js';

// The real bundled Cortex, a working extra server and a misconfigured one (its command does not exist).
const dir = mkdtempSync(join(tmpdir(), 'axon-mcp-degrade-'));
let pool: McpServerPool | undefined;
afterEach(async () => {
  await pool?.shutdownAll();
  pool = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(db: string) {
  return {
    cortexEnv: { CORTEX_DB: join(dir, db) },
    restartBackoff: 10,
    maxRestartBackoff: 20,
    servers: {
      extra: { command: process.execPath, args: [echoServer] },
      broken: { command: join(dir, 'no-such-server') },
    },
  };
}

async function rejection(p: Promise<unknown>): Promise<McpError> {
  try {
    await p;
  } catch (e) {
    if (isMcpError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('DegradingMcpPool', () => {
  it('keeps Cortex and the healthy server working next to a broken mcp.servers entry', async () => {
    pool = new McpServerPool(config('a.db'));
    const degraded: string[] = [];
    const mcp = new DegradingMcpPool(pool, { onDegraded: (server) => degraded.push(server) });
    expect(await mcp.getOrCreate('agent-1')).toMatchObject({ key: 'agent-1' });

    const list = await mcp.listTools('agent-1');
    const names = list.tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['cortex_store', 'cortex_search', 'extra__echo']));
    expect(list.errors.map((e) => [e.server, e.code])).toEqual([['broken', 'MCP_START_FAILED']]);
    expect(list.errors[0]!.message).toContain('server "broken"');
    expect(degraded).toEqual(['broken']);

    const stored = await mcp.callTool('agent-1', { name: 'cortex_store', arguments: { content: 'still here' } });
    expect(stored.isError).toBe(false);
    expect(textOf(await mcp.callTool('agent-1', { name: 'extra__echo', arguments: { text: 'hi' } }))).toBe('hi');

    const down = await rejection(mcp.callTool('agent-1', { name: 'broken__anything', arguments: {} }));
    expect(down.code).toBe('MCP_UNAVAILABLE');
    expect(down.message).toContain('server "broken"');
    expect(down.data).toMatchObject({ server: 'broken', degraded: true });

    // A second listing skips the broken server (fail fast) and still lists the others.
    const again = await mcp.listTools('agent-1');
    expect(again.tools.map((t) => t.name)).toContain('cortex_search');
    expect(again.errors).toHaveLength(1);
    expect(again.errors[0]).toMatchObject({ server: 'broken', code: 'MCP_UNAVAILABLE' });
    expect(mcp.degradedServers()).toEqual(['broken']);
  });

  it('names an unknown server prefix instead of blaming Cortex', async () => {
    pool = new McpServerPool(config('b.db'));
    const mcp = new DegradingMcpPool(pool);
    const err = await rejection(mcp.callTool('agent-1', { name: 'ghost__echo', arguments: {} }));
    expect(err.code).toBe('MCP_UNKNOWN_TOOL');
    expect(err.message).toContain('no server "ghost"');
    expect(err.message).not.toContain('on server "cortex"');
    expect(err.data).toMatchObject({ server: 'ghost', field: 'name' });
    expect(mcp.isDegraded).toBe(false);
  });

  it('fills data.field for a missing required argument and for a wrongly typed one', async () => {
    pool = new McpServerPool(config('c.db'));
    const missing = await rejection(pool.callTool('agent-1', { name: 'cortex_search', arguments: {} }));
    expect(missing.code).toBe('MCP_INVALID_ARGUMENTS');
    expect(missing.data).toMatchObject({ server: 'cortex', field: 'query' });
    const typed = await rejection(pool.callTool('agent-1', { name: 'extra__echo', arguments: { text: 5 } }));
    expect(typed.data).toMatchObject({ server: 'extra', field: 'text' });
  });

  it('passes failures through unchanged when degradation is off', async () => {
    pool = new McpServerPool(config('d.db'));
    const mcp = new DegradingMcpPool(pool, { enabled: false });
    const err = await rejection(mcp.callTool('agent-1', { name: 'broken__x', arguments: {} }));
    expect(err.code).toBe('MCP_START_FAILED');
    expect(err.message).toContain('server "broken"');
  });
});
