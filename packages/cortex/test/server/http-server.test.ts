import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { cortexBinPath, serveCortexHttp } from '../../src/index.js';
import { useTempDir } from '../helpers/temp-dir.js';

const TOKEN = 'test-token-0123456789abcdef';

async function connect(url: string, token?: string): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    ...(token !== undefined && { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
  });
  await client.connect(transport);
  return client;
}

describe('serveCortexHttp', () => {
  const tmp = useTempDir();

  it('serves the Cortex tools over Streamable HTTP to a client with the bearer token', async () => {
    const server = await serveCortexHttp({ token: TOKEN, dbPath: join(tmp(), 'c.db') });
    try {
      const a = await connect(server.url, TOKEN);
      const b = await connect(server.url, TOKEN);
      expect((await a.listTools()).tools.map((t) => t.name)).toContain('cortex_store');
      const stored = await a.callTool({ name: 'cortex_store', arguments: { content: 'shared over http' } });
      expect(stored.isError).toBeFalsy();
      const found = await b.callTool({ name: 'cortex_search', arguments: { query: 'shared' } });
      expect(JSON.stringify(found.structuredContent)).toContain('over http');
      expect(server.sessions).toBe(2);
      await a.close();
      await b.close();
    } finally {
      await server.close();
    }
  });

  it('refuses a client without the token, or with a wrong one (401)', async () => {
    const server = await serveCortexHttp({ token: TOKEN, dbPath: join(tmp(), 'c.db') });
    try {
      await expect(connect(server.url)).rejects.toThrow(/401|Unauthorized/);
      await expect(connect(server.url, 'wrong-token-0123456789')).rejects.toThrow(/401|Unauthorized/);
      const res = await fetch(server.url, { method: 'POST', body: '{}' });
      expect(res.status).toBe(401);
      expect(server.sessions).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('refuses a token shorter than 16 characters', async () => {
    await expect(serveCortexHttp({ token: 'short', dbPath: join(tmp(), 'c.db') })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      data: { field: 'token' },
    });
  });
});

describe('cortex mcp http (process)', () => {
  const tmp = useTempDir();

  it('prints its URL, serves with the token from CORTEX_TOKEN, and exits on SIGTERM', async () => {
    const child = spawn(process.execPath, [cortexBinPath, 'mcp', 'http', '--port', '0', '--db', join(tmp(), 'c.db')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CORTEX_TOKEN: TOKEN },
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      void exited.then(() => reject(new Error('cortex exited before listening')));
    });
    const client = await connect(url, TOKEN);
    expect((await client.listTools()).tools.length).toBe(4);
    await client.close();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
