import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CortexStore, cortexBinPath } from '../../src/index.js';
import { startCortex, textOf } from '../helpers/cortex-process.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Runs a command in a private mount namespace where `dir` is bind-mounted read-only: a real read-only location,
// even for root (whom file modes do not stop). `unshare -m` as root, `unshare -rm` (user namespace) otherwise.
const READ_ONLY_MOUNT = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && shift && exec "$@"';
function readOnlyWrap(dir: string): string[] | undefined {
  for (const flags of [['-m'], ['-rm']]) {
    const probe = spawnSync('unshare', [...flags, 'sh', '-c', READ_ONLY_MOUNT, 'sh', dir, 'true'], { stdio: 'ignore' });
    if (probe.status === 0) return ['unshare', ...flags, 'sh', '-c', READ_ONLY_MOUNT, 'sh', dir];
  }
  return undefined;
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('openDatabase', () => {
  const tmp = useTempDir();

  it('creates the database 0600 (and its WAL files alike) in a new directory 0700', () => {
    const dir = join(tmp(), 'private', 'cortex');
    const store = new CortexStore({ path: join(dir, 'c.db') });
    store.store({ content: 'a private memory' });
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'c.db'))).toBe(0o600);
    expect(mode(join(dir, 'c.db-wal'))).toBe(0o600);
    expect(mode(join(dir, 'c.db-shm'))).toBe(0o600);
    store.close();
  });

  it('searches a database on a read-only mount, and refuses writes naming the path and the reason', async (ctx) => {
    const dir = join(tmp(), 'ro');
    mkdirSync(dir);
    const path = join(dir, 'c.db');
    const writer = new CortexStore({ path });
    const { id } = writer.store({ content: 'the read-only archive keeps the deploy runbook', tags: ['ops'] });
    writer.close();
    const wrap = readOnlyWrap(dir);
    if (!wrap) return ctx.skip('no mount namespace here (unshare -m / -rm failed)');

    const cortex = await startCortex({ dbPath: path, wrap });
    expect(cortex.stderr()).toContain('READ-ONLY');
    const found = await cortex.ok<{ results: Array<{ id: string }> }>('cortex_search', { query: 'deploy runbook' });
    expect(found.results.map((r) => r.id)).toEqual([id]);
    const got = await cortex.ok<{ memories: Array<{ content: string }> }>('cortex_retrieve', { id });
    expect(got.memories[0]!.content).toContain('read-only archive');

    const refused = await cortex.call('cortex_store', { content: 'a new memory' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('READ_ONLY');
    expect(textOf(refused)).toContain(path);
    expect(textOf(refused)).toContain('read-only file system (EROFS)');
    const consolidate = await cortex.call('cortex_consolidate', {});
    expect(textOf(consolidate)).toContain('READ_ONLY');
  });

  it('says why a database cannot be created on a read-only mount', async (ctx) => {
    const dir = join(tmp(), 'ro-empty');
    mkdirSync(dir);
    const wrap = readOnlyWrap(dir);
    if (!wrap) return ctx.skip('no mount namespace here (unshare -m / -rm failed)');
    const path = join(dir, 'missing.db');
    const run = spawnSync(wrap[0]!, [...wrap.slice(1), process.execPath, cortexBinPath, 'mcp', 'stdio', '--db', path], {
      encoding: 'utf8',
      input: '',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(path);
    expect(run.stderr).toContain('read-only file system (EROFS)');
    expect(run.stderr).not.toMatch(/^.*unable to open database file\s*$/m);
  });
});
