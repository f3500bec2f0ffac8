import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { McpServerPool } from '../../src/pool/pool.js';

// Integration with the real embedded Cortex (packages/cortex/dist), found by discovery with zero config.
const dir = mkdtempSync(join(tmpdir(), 'axon-mcp-cortex-'));
let pool: McpServerPool | undefined;
afterEach(async () => {
  await pool?.shutdownAll();
  pool = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('McpServerPool with the bundled Cortex', () => {
  it('discovers Cortex with zero config, then stores and searches a memory', async () => {
    pool = new McpServerPool({ cortexEnv: { CORTEX_DB: join(dir, 'a.db') } });
    const found = await pool.cortex();
    expect(['bundled', 'path', 'env']).toContain(found.source);
    const tools = (await pool.listTools('agent-1')).tools.map((t) => t.name);
    expect(tools).toEqual(
      expect.arrayContaining(['cortex_store', 'cortex_search', 'cortex_retrieve', 'cortex_consolidate']),
    );
    const stored = await pool.callTool('agent-1', {
      name: 'cortex_store',
      arguments: { content: 'The deploy key rotates every Tuesday.' },
    });
    expect(stored.isError).toBe(false);
    const id = (stored.structuredContent as { id: unknown }).id;
    const found2 = await pool.callTool('agent-1', { name: 'cortex_search', arguments: { query: 'deploy key' } });
    const results = (found2.structuredContent as { results: Array<{ id: unknown }> }).results;
    expect(results.map((r) => r.id)).toContain(id);
  });

  it('restarts Cortex after a SIGKILL and keeps the acknowledged memory', async () => {
    pool = new McpServerPool({ cortexEnv: { CORTEX_DB: join(dir, 'b.db') }, restartBackoff: 20 });
    const { pid } = await pool.getOrCreate('a');
    await pool.callTool('a', { name: 'cortex_store', arguments: { content: 'survives a crash' } });
    process.kill(pid!, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
    const r = await pool.callTool('a', { name: 'cortex_search', arguments: { query: 'crash' } });
    expect((r.structuredContent as { results: unknown[] }).results.length).toBe(1);
    expect(pool.getStatistics().restarts).toBe(1);
  });

  it('rejects invalid Cortex arguments before sending them, naming the field', async () => {
    pool = new McpServerPool({ cortexEnv: { CORTEX_DB: join(dir, 'c.db') } });
    await expect(pool.callTool('a', { name: 'cortex_search', arguments: { query: 42 } })).rejects.toMatchObject({
      code: 'MCP_INVALID_ARGUMENTS',
      data: { field: 'query' },
    });
  });
});
