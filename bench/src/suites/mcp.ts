import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import Database from 'better-sqlite3';
import { CortexStore, cortexBinPath } from '@axon/cortex';
import { McpServerPool } from '@axon/mcp';
import { percentile } from '@axon/executor/internals';
import { figure, type Figure, type Suite } from '../report.js';

// MCP suite: the pool's overhead over the SDK client, Cortex search at 50 000 memories against the official
// memory server, and Cortex's store rate. Every baseline runs in the same process, same run.
// AXON_BENCH_CORTEX_1M=1 adds Cortex at 1 000 000 memories (seeded in bulk with better-sqlite3): search p50/p99,
// store rate and database size.

const MEMORIES = 50_000;
const TAGS = 5_000; // each tag word appears in MEMORIES / TAGS memories
const WORDS = [
  'deploy',
  'key',
  'rotate',
  'cache',
  'latency',
  'budget',
  'review',
  'agent',
  'schema',
  'index',
  'queue',
  'token',
  'memory',
  'search',
  'failure',
  'restart',
  'config',
  'timeout',
  'cluster',
  'shard',
  'replica',
  'backup',
  'release',
  'branch',
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function sentence(i: number, rand: () => number): string {
  const words = Array.from({ length: 10 }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
  return `memory ${i} tag${i % TAGS} ${words.join(' ')}.`;
}

async function connectDirect(command: string, args: string[], env: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(
    new StdioClientTransport({ command, args, env: { PATH: process.env.PATH ?? '', ...env }, stderr: 'ignore' }),
  );
  return client;
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

async function poolCallP50(dir: string): Promise<Figure> {
  const db = join(dir, 'small.db');
  const store = new CortexStore({ path: db });
  const rand = rng(1);
  for (let i = 0; i < 200; i++) store.store({ content: sentence(i, rand) });
  store.close();
  const pool = new McpServerPool({ cortexBinaryPath: cortexBinPath, cortexEnv: { CORTEX_DB: db } });
  const direct = await connectDirect(process.execPath, [cortexBinPath, 'mcp', 'stdio', '--db', db]);
  try {
    await direct.listTools(); // the pool lists tools too (output-schema validation on both sides)
    const args = { query: 'tag42 deploy', limit: 5 };
    const viaPool = () => pool.callTool('bench', { name: 'cortex_search', arguments: args });
    const viaSdk = () => direct.callTool({ name: 'cortex_search', arguments: args });
    await timeEach(300, viaPool);
    await timeEach(300, viaSdk);
    const p: number[] = [];
    const d: number[] = [];
    for (let round = 0; round < 10; round++) {
      p.push(...(await timeEach(200, viaPool)));
      d.push(...(await timeEach(200, viaSdk)));
    }
    return figure(
      'pool_call_p50',
      'ms',
      percentile(p, 50),
      percentile(d, 50),
      'SDK Client.callTool direct, same cortex binary',
      {
        text: 'ratio <= 1.05',
        met: (f) => f.ratio !== null && f.ratio <= 1.05,
      },
    );
  } finally {
    await direct.close();
    await pool.shutdownAll();
  }
}

async function search50k(dir: string): Promise<Figure[]> {
  const rand = rng(7);
  const texts = Array.from({ length: MEMORIES }, (_, i) => sentence(i, rand));
  const db = join(dir, 'big.db');
  const t0 = performance.now();
  const store = new CortexStore({ path: db });
  for (const content of texts) store.store({ content });
  store.close();
  const seedMs = performance.now() - t0;
  // server-memory keeps its graph as JSONL: one {"type":"entity",name,entityType,observations} per line.
  const jsonl = join(dir, 'memory.jsonl');
  writeFileSync(
    jsonl,
    texts
      .map((t, i) => JSON.stringify({ type: 'entity', name: `memory-${i}`, entityType: 'note', observations: [t] }))
      .join('\n') + '\n',
  );

  const require = createRequire(import.meta.url);
  const memoryBin = join(
    dirname(require.resolve('@modelcontextprotocol/server-memory/package.json')),
    'dist',
    'index.js',
  );
  const cortex = await connectDirect(process.execPath, [cortexBinPath, 'mcp', 'stdio', '--db', db]);
  const memory = await connectDirect(process.execPath, [memoryBin], { MEMORY_FILE_PATH: jsonl });
  try {
    const queries = Array.from({ length: 40 }, (_, i) => `tag${(i * 97) % TAGS}`);
    const check = await cortex.callTool({ name: 'cortex_search', arguments: { query: queries[0]!, limit: 20 } });
    if (check.isError) throw new Error(`cortex_search failed: ${JSON.stringify(check.content)}`);
    await timeEach(5, (i) => cortex.callTool({ name: 'cortex_search', arguments: { query: queries[i]!, limit: 20 } }));
    await timeEach(2, (i) => memory.callTool({ name: 'search_nodes', arguments: { query: queries[i]! } }));
    const c = await timeEach(queries.length, (i) =>
      cortex.callTool({ name: 'cortex_search', arguments: { query: queries[i]!, limit: 20 } }),
    );
    const m = await timeEach(20, (i) => memory.callTool({ name: 'search_nodes', arguments: { query: queries[i]! } }));
    const speed = percentile(m, 50) / percentile(c, 50);
    console.log(
      `cortex seeded ${MEMORIES} memories in ${(seedMs / 1000).toFixed(1)} s; search ${speed.toFixed(0)}x faster than server-memory`,
    );
    return [
      figure(
        'cortex_search_50k',
        'ms',
        percentile(c, 50),
        percentile(m, 50),
        '@modelcontextprotocol/server-memory search_nodes, 50 000 entities',
        {
          text: 'value <= 1 ms and ratio <= 0.005 (>= 200x faster)',
          met: (f) => f.value <= 1 && f.ratio !== null && f.ratio <= 0.005,
        },
      ),
      figure('cortex_search_50k_p95', 'ms', percentile(c, 95), percentile(m, 95), 'server-memory search_nodes p95'),
    ];
  } finally {
    await cortex.close();
    await memory.close();
  }
}

async function storeRate(dir: string): Promise<Figure[]> {
  const pool = new McpServerPool({ cortexBinaryPath: cortexBinPath, cortexEnv: { CORTEX_DB: join(dir, 'rate.db') } });
  const rand = rng(3);
  try {
    await pool.getOrCreate('bench');
    const store = (i: number) =>
      pool.callTool('bench', { name: 'cortex_store', arguments: { content: `${sentence(i, rand)} unique ${i}` } });
    await timeEach(50, (i) => store(1_000_000 + i));
    const nSeq = 2_000;
    let t = performance.now();
    for (let i = 0; i < nSeq; i++) await store(i);
    const seq = nSeq / ((performance.now() - t) / 1000);
    const nPar = 4_000;
    let next = nSeq;
    const end = nSeq + nPar;
    t = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < end) await store(next++);
      }),
    );
    const par = nPar / ((performance.now() - t) / 1000);
    return [
      figure('cortex_store_rate', 'stores/s', seq, null, 'sequential cortex_store through the pool'),
      figure('cortex_store_rate_16', 'stores/s', par, seq, 'sequential rate (16 in flight vs 1)'),
    ];
  } finally {
    await pool.shutdownAll();
  }
}

const MILLION = 1_000_000;
const MiB = 1024 ** 2;

/**
 * Seeds a Cortex database with `n` memories in one transaction. CortexStore creates the schema (its migrations); the
 * rows go in with the same columns, `content_hash` (sha256 of the normalised content, as Cortex computes it) and
 * `mem_<uuid>` ids that `store()` writes, with the FTS insert trigger off and the FTS index rebuilt once at the end
 * (what the trigger would have written row by row).
 */
export function bulkSeed(db: string, n: number): number {
  const t0 = performance.now();
  new CortexStore({ path: db }).close();
  const sql = new Database(db);
  try {
    sql.pragma('journal_mode = WAL');
    sql.pragma('synchronous = OFF');
    const trigger = sql
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'memories_fts_insert'")
      .pluck()
      .get() as string;
    const insert = sql.prepare(
      `INSERT INTO memories (id, content, content_hash, kind, tags, importance, workspace_id, metadata, created_at,
         updated_at) VALUES (?, ?, ?, 'note', '[]', 0.5, '', '{}', ?, ?)`,
    );
    const rand = rng(11);
    const now = Date.now();
    sql.transaction(() => {
      sql.exec('DROP TRIGGER memories_fts_insert');
      for (let i = 0; i < n; i++) {
        const content = sentence(i, rand);
        // Generated content is already normalised (lower case, single spaces), so this is Cortex's content hash.
        const hash = createHash('sha256').update(content).digest('hex');
        insert.run(`mem_${randomUUID()}`, content, hash, now, now);
      }
      sql.exec("INSERT INTO memories_fts (memories_fts) VALUES ('rebuild')");
      sql.exec(trigger);
    })();
    sql.pragma('wal_checkpoint(TRUNCATE)');
    sql.exec('ANALYZE');
  } finally {
    sql.close();
  }
  return performance.now() - t0;
}

async function cortex1m(dir: string, p50At50k: number, storeRate50: number): Promise<Figure[]> {
  const db = join(dir, 'million.db');
  const seedMs = bulkSeed(db, MILLION);
  const size = statSync(db).size;
  const cortex = await connectDirect(process.execPath, [cortexBinPath, 'mcp', 'stdio', '--db', db]);
  const pool = new McpServerPool({ cortexBinaryPath: cortexBinPath, cortexEnv: { CORTEX_DB: db } });
  try {
    const queries = Array.from({ length: 200 }, (_, i) => `tag${(i * 97) % TAGS} ${WORDS[i % WORDS.length]!}`);
    const search = (i: number) =>
      cortex.callTool({ name: 'cortex_search', arguments: { query: queries[i % queries.length]!, limit: 20 } });
    const check = await search(0);
    if (check.isError) throw new Error(`cortex_search failed: ${JSON.stringify(check.content)}`);
    await timeEach(20, search);
    const c = await timeEach(queries.length, search);
    await pool.getOrCreate('bench');
    const rand = rng(5);
    const store = (i: number) =>
      pool.callTool('bench', { name: 'cortex_store', arguments: { content: `${sentence(i, rand)} fresh ${i}` } });
    await timeEach(20, (i) => store(MILLION + i));
    const nStores = 500;
    const t = performance.now();
    for (let i = 0; i < nStores; i++) await store(2 * MILLION + i);
    const rate = nStores / ((performance.now() - t) / 1000);
    console.log(`cortex seeded ${MILLION} memories in bulk in ${(seedMs / 1000).toFixed(1)} s`);
    return [
      figure('cortex_search_1m', 'ms', percentile(c, 50), p50At50k, 'cortex_search p50 at 50 000 memories, same run'),
      figure('cortex_search_1m_p99', 'ms', percentile(c, 99), null, 'none (p99 of 200 searches, limit 20)'),
      figure(
        'cortex_store_rate_1m',
        'stores/s',
        rate,
        storeRate50,
        'sequential cortex_store through the pool on a fresh database, same run',
      ),
      figure('cortex_db_size_1m', 'MiB', size / MiB, null, 'none (database file after bulk seeding and a checkpoint)'),
    ];
  } finally {
    await cortex.close();
    await pool.shutdownAll();
  }
}

export default {
  name: 'mcp',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'axon-bench-mcp-'));
    try {
      const figures: Figure[] = [];
      figures.push(await poolCallP50(dir));
      figures.push(...(await search50k(dir)));
      figures.push(...(await storeRate(dir)));
      if (process.env.AXON_BENCH_CORTEX_1M === '1') {
        const at = (name: string) => figures.find((f) => f.name === name)!.value;
        figures.push(...(await cortex1m(dir, at('cortex_search_50k'), at('cortex_store_rate'))));
      }
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
} satisfies Suite;
