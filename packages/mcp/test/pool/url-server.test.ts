import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveCortexHttp, type CortexHttpServer } from '@axon/cortex';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { McpServerPool } from '../../src/pool/pool.js';

// A real Cortex served over Streamable HTTP in this process; the pool connects to it by URL.
const TOKEN = 'url-server-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'axon-mcp-url-'));
let cortex: CortexHttpServer;
let pool: McpServerPool | undefined;
beforeAll(async () => {
  cortex = await serveCortexHttp({ token: TOKEN, dbPath: join(dir, 'shared.db') });
});
afterEach(async () => {
  await pool?.shutdownAll();
  pool = undefined;
});
afterAll(async () => {
  await cortex.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('McpServerPool with URL servers', () => {
  it('uses a shared Cortex by URL with its bearer token instead of starting one', async () => {
    pool = new McpServerPool({ cortexUrl: cortex.url, cortexToken: TOKEN, mode: 'per-agent' });
    const stored = await pool.callTool('agent-1', {
      name: 'cortex_store',
      arguments: { content: 'Stored by agent one through the shared Cortex.' },
    });
    expect(stored.isError).toBe(false);
    // Another agent's session sees the same store.
    const found = await pool.callTool('agent-2', { name: 'cortex_search', arguments: { query: 'shared Cortex' } });
    expect(JSON.stringify(found.structuredContent)).toContain('agent one');
    const info = await pool.getOrCreate('agent-1');
    expect(info.pid).toBeUndefined();
    expect(cortex.sessions).toBe(2);
  });

  it('reaches an extra URL server as <name>__<tool>', async () => {
    pool = new McpServerPool({
      cortexUrl: cortex.url,
      cortexToken: TOKEN,
      servers: { memory: { url: cortex.url, token: TOKEN } },
    });
    const tools = (await pool.listTools('agent-1')).tools.map((t) => t.name);
    expect(tools).toEqual(expect.arrayContaining(['cortex_store', 'memory__cortex_store']));
    const r = await pool.callTool('agent-1', { name: 'memory__cortex_search', arguments: { query: 'agent' } });
    expect(r.isError).toBe(false);
  });

  it('fails with MCP_START_FAILED naming the URL when the token is wrong', async () => {
    pool = new McpServerPool({ cortexUrl: cortex.url, cortexToken: 'not-the-token-0123456789', maxRetries: 0 });
    const err = await pool.callTool('agent-1', { name: 'cortex_search', arguments: { query: 'x' } }).catch((e) => e);
    expect(err).toMatchObject({ code: expect.stringMatching(/MCP_START_FAILED|MCP_UNAVAILABLE/) });
    expect(String((err as Error).message)).toContain(cortex.url);
  });

  it('refuses a URL server spec that is not http(s)', () => {
    expect(() => new McpServerPool({ servers: { bad: { url: 'ftp://x/mcp' } } })).toThrow(/servers\.bad/);
  });
});
