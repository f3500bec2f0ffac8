import type Database from 'better-sqlite3';
import { LIMITS } from '../limits.js';
import type { SearchInput, SearchOutput } from '../schemas/search.js';
import { RANKING, scoreOf } from './ranking.js';
import { iso } from './rows.js';
import { statement } from './statements.js';
import { buildFtsQuery } from './text.js';

interface Candidate {
  seq: number;
  id: string;
  kind: string;
  tags: string;
  importance: number;
  workspace_id: string;
  session_id: string | null;
  created_at: number;
  updated_at: number;
  accessed_at: number | null;
  bm25: number;
}

// Queries matching more rows than this are "broad": bm25 over every match would cost milliseconds per query.
const BROAD = 500;

function countCapped(db: Database.Database, match: string): number {
  return statement(db, 'SELECT count(*) FROM (SELECT 1 FROM memories_fts WHERE memories_fts MATCH ? LIMIT ?)')
    .pluck()
    .get(match, BROAD + 1) as number;
}

/**
 * Runs a validated search. A query matching at most 500 memories is ranked exactly: the best bm25 candidates that
 * pass the filters are re-ranked by {@link scoreOf}. A broader query takes as candidates the memories matching every
 * term (bm25-ranked, or the newest 500 when there are more) plus the newest 500 matching any term, so that the rows it
 * ranks stay bounded however large the store (bm25's per-term document counts do not: see docs/cortex.md "Ranking").
 * Snippets are made only for the results returned.
 */
export function searchMemories(db: Database.Database, input: SearchInput, now: number): SearchOutput {
  const { match, terms } = buildFtsQuery(input.query);
  if (match === null) return { results: [], terms };
  const limit = input.limit ?? LIMITS.defaultLimit;
  const { where, params } = filtersOf(input);
  const want = Math.max(50, limit * RANKING.candidatesPerResult);
  const fetch = (m: string, newest?: number): Candidate[] =>
    statement(
      db,
      `SELECT m.seq, m.id, m.kind, m.tags, m.importance, m.workspace_id, m.session_id, m.created_at, m.updated_at,
         m.accessed_at, memories_fts.rank AS bm25
       FROM memories_fts JOIN memories m ON m.seq = memories_fts.rowid
       WHERE memories_fts MATCH ? ${where}${newest === undefined ? '' : ' ORDER BY memories_fts.rowid DESC LIMIT ?'}`,
    ).all(m, ...params, ...(newest === undefined ? [] : [newest])) as Candidate[];
  // The best n of a match of at most BROAD rows in the order of FTS5's `ORDER BY rank` (ties oldest first), sorted
  // here: FTS5 evaluates bm25 twice for `ORDER BY rank` (its sorting statement, then the cursor), and each time
  // counts every row holding each term, which at 1 000 000 memories is most of a search (bench/README.md).
  const best = (m: string, n: number): Candidate[] =>
    fetch(m)
      .sort((a, b) => a.bm25 - b.bm25 || a.seq - b.seq)
      .slice(0, n);

  let rows: Candidate[];
  if (countCapped(db, match) <= BROAD) {
    rows = best(match, want);
  } else {
    const bySeq = new Map<number, Candidate>();
    if (terms.length > 1) {
      const all = terms.map((t) => `"${t}"`).join(' AND ');
      for (const r of countCapped(db, all) <= BROAD ? best(all, want) : fetch(all, BROAD)) bySeq.set(r.seq, r);
    }
    for (const r of fetch(match, BROAD)) bySeq.set(r.seq, r);
    rows = [...bySeq.values()];
  }
  if (rows.length === 0) return { results: [], terms };

  const bestBm25 = Math.min(...rows.map((r) => r.bm25));
  const ranked = rows
    .map((r) => ({
      row: r,
      score: scoreOf({
        bm25: r.bm25,
        bestBm25,
        importance: r.importance,
        lastUsedMs: Math.max(r.updated_at, r.accessed_at ?? 0),
        nowMs: now,
      }),
    }))
    .sort((a, b) => b.score - a.score || a.row.bm25 - b.row.bm25)
    .slice(0, limit);

  // One query for every returned row. The seqs go in as integers through json_each: a JS number binds as a REAL,
  // and FTS5 does not apply a `rowid = <real>` constraint, which gave every hit the first row's snippet.
  const snippets = new Map(
    (
      statement(
        db,
        `SELECT rowid, snippet(memories_fts, 0, '**', '**', '…', 24) FROM memories_fts
         WHERE memories_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
      )
        .raw()
        .all(match, JSON.stringify(ranked.map(({ row }) => row.seq))) as Array<[number, string]>
    ).map(([seq, text]) => [Number(seq), text]),
  );
  return {
    terms,
    results: ranked.map(({ row, score }) => ({
      id: row.id,
      snippet: snippets.get(Number(row.seq)) ?? '',
      score: Math.round(score * 1e6) / 1e6,
      kind: row.kind,
      tags: JSON.parse(row.tags) as string[],
      importance: row.importance,
      workspaceId: row.workspace_id === '' ? null : row.workspace_id,
      sessionId: row.session_id,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    })),
  };
}

function filtersOf(input: SearchInput): { where: string; params: unknown[] } {
  const where = ['m.archived_at IS NULL', 'm.merged_into IS NULL'];
  const params: unknown[] = [];
  if (input.workspaceId !== undefined) {
    where.push('m.workspace_id = ?');
    params.push(input.workspaceId);
  }
  if (input.sessionId !== undefined) {
    where.push('m.session_id = ?');
    params.push(input.sessionId);
  }
  if (input.kinds !== undefined && input.kinds.length > 0) {
    where.push(`m.kind IN (${input.kinds.map(() => '?').join(',')})`);
    params.push(...input.kinds);
  }
  if (input.since !== undefined) {
    where.push('m.updated_at >= ?');
    params.push(typeof input.since === 'number' ? input.since : Date.parse(input.since));
  }
  for (const tag of new Set(input.tags ?? [])) {
    where.push('EXISTS (SELECT 1 FROM memory_tags t WHERE t.tag = ? AND t.seq = m.seq)');
    params.push(tag);
  }
  return { where: `AND ${where.join(' AND ')}`, params };
}
