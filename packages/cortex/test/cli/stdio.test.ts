import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cortexBinPath, CortexStore } from '../../src/index.js';
import { startCortex, waitForExit } from '../helpers/cortex-process.js';
import { useTempDir } from '../helpers/temp-dir.js';

describe('cortex mcp stdio (process)', () => {
  const tmp = useTempDir();

  it('exits by itself when stdin closes', async () => {
    const cortex = await startCortex({ dbPath: join(tmp(), 'c.db') });
    cortex.transport['_process']?.stdin?.end();
    expect(await waitForExit(cortex.pid, 5000)).toBe(true);
    expect(cortex.stderr()).toContain('stopping: stdin closed');
  });

  it('exits on SIGTERM', async () => {
    const cortex = await startCortex({ dbPath: join(tmp(), 'c.db') });
    process.kill(cortex.pid, 'SIGTERM');
    expect(await waitForExit(cortex.pid, 5000)).toBe(true);
    expect(cortex.stderr()).toContain('stopping: SIGTERM');
  });

  it('writes only JSON-RPC to stdout and logs to stderr', async () => {
    const child = spawn(process.execPath, [cortexBinPath, 'mcp', 'stdio', '--db', join(tmp(), 'c.db')], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 't', version: '0' } },
    };
    child.stdin.write(`${JSON.stringify(init)}\n`);
    await new Promise<void>((resolve) => {
      const check = () => (stdout.includes('\n') ? resolve() : setTimeout(check, 10));
      check();
    });
    child.stdin.end();
    await new Promise((r) => child.once('exit', r));
    const lines = stdout.trim().split('\n');
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: 1, result: { serverInfo: { name: 'cortex' } } });
    expect(stderr).toContain('serving MCP on stdio');
  });

  it('keeps memories across a restart', async () => {
    const dbPath = join(tmp(), 'c.db');
    const first = await startCortex({ dbPath });
    const { id } = await first.ok<{ id: string }>('cortex_store', { content: 'remember the milk', tags: ['home'] });
    await first.client.close();
    expect(await waitForExit(first.pid)).toBe(true);

    const second = await startCortex({ dbPath });
    const found = await second.ok<{ results: Array<{ id: string }> }>('cortex_search', { query: 'milk' });
    expect(found.results.map((r) => r.id)).toEqual([id]);
    expect(await second.ok('cortex_store', { content: 'Remember the milk' })).toEqual({ id, deduplicated: true });
  });

  it('keeps every acknowledged store when the server is SIGKILLed right after the acks', async () => {
    const dbPath = join(tmp(), 'c.db');
    const cortex = await startCortex({ dbPath });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++)
      ids.push((await cortex.ok<{ id: string }>('cortex_store', { content: `sequential ${i}` })).id);
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) => cortex.ok<{ id: string }>('cortex_store', { content: `concurrent ${i}` })),
    );
    ids.push(...burst.map((r) => r.id));
    process.kill(cortex.pid, 'SIGKILL');
    expect(await waitForExit(cortex.pid)).toBe(true);
    expect(existsSync(`${dbPath}-wal`)).toBe(true);

    const store = new CortexStore({ path: dbPath });
    try {
      expect(store.retrieve({ ids }).memories.map((m) => m.id)).toEqual(ids);
      expect(store.stats().active).toBe(100);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      store.close();
    }
  });

  it('lets several server processes write one database at once', async () => {
    const dbPath = join(tmp(), 'c.db');
    const servers = await Promise.all([startCortex({ dbPath }), startCortex({ dbPath })]);
    const results = await Promise.all(
      servers.flatMap((server, s) =>
        Array.from({ length: 40 }, (_, i) => server.call('cortex_store', { content: `shared ${i % 20} from ${s}` })),
      ),
    );
    expect(results.filter((r) => r.isError)).toEqual([]);
    const ids = new Set(results.map((r) => (r.structuredContent as { id: string }).id));
    expect(ids.size).toBe(40);
    const found = await servers[0].ok<{ results: unknown[] }>('cortex_search', { query: 'shared', limit: 100 });
    expect(found.results).toHaveLength(40);
  });

  it('takes the database path from CORTEX_DB when --db is absent', async () => {
    const dbPath = join(tmp(), 'from-env', 'c.db');
    const cortex = await startCortex({ env: { CORTEX_DB: dbPath } });
    await cortex.ok('cortex_store', { content: 'env path' });
    expect(existsSync(dbPath)).toBe(true);
    expect(cortex.stderr()).toContain(dbPath);
  });

  it('uses the per-user data directory when neither --db nor CORTEX_DB is set', async () => {
    const cortex = await startCortex({ env: { HOME: tmp(), XDG_DATA_HOME: join(tmp(), 'xdg') } });
    await cortex.ok('cortex_store', { content: 'default path' });
    const expected =
      process.platform === 'darwin'
        ? join(tmp(), 'Library', 'Application Support', 'axon-cortex', 'cortex.db')
        : join(tmp(), 'xdg', 'axon-cortex', 'cortex.db');
    expect(existsSync(expected)).toBe(true);
  });

  it('prints usage and exits 2 on an unknown command, 0 on --help', () => {
    const bad = spawnSync(process.execPath, [cortexBinPath, 'serve'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Usage: cortex mcp stdio');
    expect(bad.stdout).toBe('');
    const help = spawnSync(process.execPath, [cortexBinPath, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
  });

  it('fails with exit code 1 and a clear message when the database cannot be opened', () => {
    const file = join(tmp(), 'a-file');
    writeFileSync(file, '');
    const run = spawnSync(process.execPath, [cortexBinPath, 'mcp', 'stdio', '--db', join(file, 'c.db')], {
      encoding: 'utf8',
      input: '',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DB_OPEN_FAILED');
  });
});
