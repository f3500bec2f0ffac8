import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CortexStore, isCortexError } from '../../src/index.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { useTempDir } from '../helpers/temp-dir.js';

const DAY = 86_400_000;

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('CortexStore', () => {
  const tmp = useTempDir();
  const open = (now?: () => number) => new CortexStore({ path: join(tmp(), 'c.db'), ...(now ? { now } : {}) });

  it('opens in WAL mode with a migrated schema', () => {
    const store = open();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    store.close();
    const again = open();
    expect(again.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('gives each search hit the snippet of its own memory', () => {
    const store = open();
    const a = store.store({ content: 'Review finding: eval used in tokens.ts' });
    const b = store.store({ content: 'Review finding: hardcoded secret in config.ts' });
    store.store({ content: 'Another memory about apples' });
    const results = store.search({ query: 'Review finding' }).results;
    const snippetOf = new Map(results.map((r) => [r.id, r.snippet]));
    expect(snippetOf.get(a.id)).toContain('eval used in tokens.ts');
    expect(snippetOf.get(b.id)).toContain('hardcoded secret in config.ts');
    store.close();
  });

  it('retrieves only memories of the given workspace, reporting others as unknown', () => {
    const store = open();
    const mine = store.store({ content: 'tenant a: deploy key rotated', workspaceId: 'a' });
    const theirs = store.store({ content: 'tenant b: the database password', workspaceId: 'b' });
    expect(store.retrieve({ id: mine.id, workspaceId: 'a' }).memories[0]?.content).toContain('tenant a');
    const error = catchError(() => store.retrieve({ ids: [mine.id, theirs.id], workspaceId: 'a' }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', data: { field: 'ids', ids: [theirs.id] } });
    expect(store.retrieve({ id: theirs.id }).memories[0]?.accessCount).toBe(1); // the refused call counted nothing
    store.close();
  });

  it('refuses a database written by a newer schema', () => {
    const store = open();
    store.db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    store.close();
    expect(catchError(() => open())).toMatchObject({ code: 'SCHEMA_TOO_NEW' });
  });

  it('keeps the FTS index consistent through inserts, dedupes, merges and deletes', () => {
    const store = open();
    const a = store.store({ content: 'alpha beta gamma delta', tags: ['x'] });
    store.store({ content: 'ALPHA beta gamma delta', tags: ['y'] });
    store.store({ content: 'alpha beta gamma delta epsilon' });
    store.consolidate({ similarity: 0.8 });
    store.db.prepare('DELETE FROM memory_tags').run();
    store.db.prepare('DELETE FROM memories WHERE id != ?').run(a.id);
    expect(() =>
      store.db.prepare("INSERT INTO memories_fts (memories_fts) VALUES ('integrity-check')").run(),
    ).not.toThrow();
    expect(store.search({ query: 'epsilon' }).results).toEqual([]);
    expect(store.search({ query: 'y' }).results.map((r) => r.id)).toEqual([a.id]);
    store.close();
  });

  it('ranks better textual matches first, then lets importance and recency break near ties', () => {
    let now = Date.UTC(2025, 0, 1);
    const store = open(() => now);
    const exact = store.store({ content: 'kubernetes ingress certificate renewal failed' });
    const partial = store.store({ content: 'the certificate of the office printer' });
    now += 200 * DAY;
    const old = store.store({ content: 'redis cache eviction policy', importance: 0.5 });
    now -= 200 * DAY;
    const older = store.store({ content: 'redis cache eviction policy notes', importance: 0.5 });
    now += 200 * DAY;
    const ranking = store.search({ query: 'kubernetes certificate renewal' }).results.map((r) => r.id);
    expect(ranking).toEqual([exact.id, partial.id]);
    const recent = store.search({ query: 'redis eviction' }).results.map((r) => r.id);
    expect(recent[0]).toBe(old.id);
    expect(recent).toContain(older.id);
    const important = store.store({ content: 'redis cache eviction policy notes v2', importance: 1 });
    expect(store.search({ query: 'redis eviction' }).results[0]!.id).toBe(important.id);
    store.close();
  });

  it('returns empty results for text without words, and EMPTY_QUERY for blank text', () => {
    const store = open();
    store.store({ content: 'something' });
    expect(store.search({ query: '🎉 !!! ???' })).toEqual({ results: [], terms: [] });
    const error = catchError(() => store.search({ query: ' \n ' }));
    expect(isCortexError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'EMPTY_QUERY', data: { field: 'query' } });
    store.close();
  });

  it('throws INVALID_INPUT naming the field for out-of-bounds input', () => {
    const store = open();
    expect(catchError(() => store.store({ content: 'x'.repeat(100_001) }))).toMatchObject({
      code: 'INVALID_INPUT',
      data: { field: 'content' },
    });
    expect(catchError(() => store.search({ query: 'x', limit: 101 }))).toMatchObject({ data: { field: 'limit' } });
    expect(catchError(() => store.store({ content: 'x', tags: ['ok', ''] }))).toMatchObject({
      data: { field: 'tags.1' },
    });
    store.close();
  });

  it('bounds the work of broad queries yet still ranks memories matching every term first', () => {
    const store = open();
    const tx = store.db.transaction(() => {
      for (let i = 0; i < 1500; i++) store.store({ content: `common filler memory number ${i}` });
    });
    tx();
    const both = store.store({ content: 'common filler memory about zebra crossings' });
    const found = store.search({ query: 'common zebra', limit: 5 }).results;
    expect(found[0]!.id).toBe(both.id);
    expect(store.search({ query: 'filler', limit: 100 }).results).toHaveLength(100);
    store.close();
  });

  it('takes as candidates the best bm25 matches, equal ones oldest first, before importance re-ranks them', () => {
    const store = open();
    // 60 memories with the same bm25 for 'alpha'; the newest 10 are the most important. limit 10 takes the best
    // 50 candidates by bm25, which are the oldest 50 on a tie, so none of the important ones is a candidate.
    const ids = Array.from(
      { length: 60 },
      (_, i) => store.store({ content: `alpha w${1000 + i}`, importance: i >= 50 ? 1 : 0 }).id,
    );
    const found = store.search({ query: 'alpha', limit: 10 }).results.map((r) => r.id);
    expect(found).toHaveLength(10);
    expect(found.every((id) => ids.indexOf(id) < 50)).toBe(true);
    const wider = store.search({ query: 'alpha', limit: 20 }).results.slice(0, 10);
    expect(wider.map((r) => r.id).sort()).toEqual(ids.slice(50).sort()); // limit 20: 100 candidates, all 60
    store.close();
  });

  it('re-storing archived content revives it under the same id', () => {
    let now = Date.UTC(2025, 0, 1);
    const store = open(() => now);
    const { id } = store.store({ content: 'ephemeral note', importance: 0.1 });
    now += 400 * DAY;
    expect(store.consolidate({}).archivedIds).toEqual([id]);
    expect(store.search({ query: 'ephemeral' }).results).toEqual([]);
    expect(store.store({ content: 'Ephemeral  note', importance: 0.6 })).toEqual({ id, deduplicated: true });
    expect(store.search({ query: 'ephemeral' }).results.map((r) => r.id)).toEqual([id]);
    store.close();
  });

  it('throws STORE_CLOSED after close', () => {
    const store = open();
    store.close();
    expect(catchError(() => store.store({ content: 'late' }))).toMatchObject({ code: 'STORE_CLOSED' });
  });
});

describe('CortexStore.consolidate', () => {
  const tmp = useTempDir();

  it('decays importance by disuse, slower for memories in use, and archives below the threshold without deleting', () => {
    let now = Date.UTC(2025, 0, 1);
    const store = new CortexStore({ path: join(tmp(), 'c.db'), now: () => now });
    const idle = store.store({ content: 'idle fact', importance: 0.8 });
    const used = store.store({ content: 'used fact', importance: 0.8 });
    const faint = store.store({ content: 'faint fact', importance: 0.08 });
    for (let i = 0; i < 3; i++) store.retrieve({ id: used.id });
    now += 90 * DAY;

    const dry = store.consolidate({ dryRun: true });
    const real = store.consolidate({});
    expect({ ...dry, dryRun: false }).toEqual(real);
    expect(real).toMatchObject({ merged: 0, decayed: 3, archived: 1, archivedIds: [faint.id] });

    const [i, u, f] = store.retrieve({ ids: [idle.id, used.id, faint.id] }).memories;
    expect(i!.importance).toBeCloseTo(0.4, 5);
    expect(u!.importance).toBeGreaterThan(0.55);
    expect(f).toMatchObject({ archived: true, content: 'faint fact' });
    expect(store.stats()).toEqual({ active: 2, archived: 1, merged: 0 });
    expect(store.db.prepare('SELECT count(*) FROM memories').pluck().get()).toBe(3);

    // Decay composes: a second pass right away changes nothing.
    expect(store.consolidate({})).toMatchObject({ decayed: 0, archived: 0 });
    store.close();
  });

  it('merges the full-text index into one segment on a pass over every workspace, not on a scoped or dry run', () => {
    const now = Date.UTC(2025, 0, 1);
    const store = new CortexStore({ path: join(tmp(), 'c.db'), now: () => now });
    const segments = () => store.db.prepare('SELECT count(DISTINCT segid) FROM memories_fts_idx').pluck().get();
    // One transaction per store: FTS5 writes a segment for each and merges them only four at a time.
    for (let i = 0; i < 30; i++) store.store({ content: `segment note ${i} about topic ${i % 7}`, workspaceId: 'w' });
    expect(segments()).toBeGreaterThan(1);
    store.consolidate({ dryRun: true });
    store.consolidate({ workspaceId: 'w' });
    expect(segments()).toBeGreaterThan(1);
    const before = store.search({ query: 'topic 3', limit: 20 });
    store.consolidate({});
    expect(segments()).toBe(1);
    expect(store.search({ query: 'topic 3', limit: 20 })).toEqual(before);
    expect(() =>
      store.db.prepare("INSERT INTO memories_fts (memories_fts) VALUES ('integrity-check')").run(),
    ).not.toThrow();
    store.close();
  });

  it('merges only within one workspace and only above the similarity threshold', () => {
    const store = new CortexStore({ path: join(tmp(), 'c.db') });
    store.store({ content: 'ship the release on monday morning', workspaceId: 'a' });
    store.store({ content: 'ship the release on monday morning!', workspaceId: 'b' });
    store.store({ content: 'ship release monday', workspaceId: 'a' });
    expect(store.consolidate({ dryRun: true }).merged).toBe(0);
    store.store({ content: 'we ship the release on monday morning', workspaceId: 'a' });
    expect(store.consolidate({ workspaceId: 'b' }).merged).toBe(0);
    expect(store.consolidate({ workspaceId: 'a' }).merged).toBe(1);
    store.close();
  });
});
