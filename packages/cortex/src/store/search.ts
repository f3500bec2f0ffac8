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

/**
 * Runs a validated search: the best bm25 candidates that pass the filters are re-ranked by
 * {@link scoreOf}; snippets are made only for the results returned.
 */
export function searchMemories(db: Database.Database, input: SearchInput, now: number): SearchOutput {
  const { match, terms } = buildFtsQuery(input.query);
  if (match === null) return { results: [], terms };
  const limit = input.limit ?? LIMITS.defaultLimit;

  const where = ['memories_fts MATCH ?', 'm.archived_at IS NULL', 'm.merged_into IS NULL'];
  const params: unknown[] = [match];
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
  const candidates = Math.max(50, limit * RANKING.candidatesPerResult);
  const rows = statement(
    db,
    `SELECT m.seq, m.id, m.kind, m.tags, m.importance, m.workspace_id, m.session_id, m.created_at, m.updated_at,
       m.accessed_at, memories_fts.rank AS bm25
     FROM memories_fts JOIN memories m ON m.seq = memories_fts.rowid
     WHERE ${where.join(' AND ')} ORDER BY memories_fts.rank LIMIT ?`,
  ).all(...params, candidates) as Candidate[];
  if (rows.length === 0) return { results: [], terms };

  const bestBm25 = rows[0]!.bm25;
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

  const snippet = statement(
    db,
    `SELECT snippet(memories_fts, 0, '**', '**', '…', 24) AS s FROM memories_fts WHERE memories_fts MATCH ? AND rowid = ?`,
  ).pluck();
  return {
    terms,
    results: ranked.map(({ row, score }) => ({
      id: row.id,
      snippet: (snippet.get(match, row.seq) as string | undefined) ?? '',
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
