import type Database from 'better-sqlite3';
import type { ConsolidateInput, ConsolidateOutput } from '../schemas/consolidate.js';
import { findNearDuplicates } from './near-duplicates.js';
import type { MemoryRow } from './rows.js';
import { statement } from './statements.js';
import { tokenize } from './text.js';

/** Defaults of `cortex_consolidate`. */
export const CONSOLIDATE_DEFAULTS = { similarity: 0.8, halfLifeDays: 90, archiveBelow: 0.05 } as const;

const DAY_MS = 86_400_000;
const REPORT_MAX = 100;

type Active = Pick<
  MemoryRow,
  | 'seq'
  | 'id'
  | 'content'
  | 'tags'
  | 'importance'
  | 'access_count'
  | 'created_at'
  | 'updated_at'
  | 'accessed_at'
  | 'decayed_at'
>;

/**
 * One consolidation pass inside a single IMMEDIATE transaction (rolled back when `dryRun`, so a dry run reports
 * exactly what a real run would do): merge near duplicates per workspace, decay importance, archive; a pass over
 * every workspace then merges the FTS5 index into one segment (`optimize`).
 */
export function consolidate(db: Database.Database, input: ConsolidateInput, now: number): ConsolidateOutput {
  const similarity = input.similarity ?? CONSOLIDATE_DEFAULTS.similarity;
  const halfLifeDays = input.halfLifeDays ?? CONSOLIDATE_DEFAULTS.halfLifeDays;
  const archiveBelow = input.archiveBelow ?? CONSOLIDATE_DEFAULTS.archiveBelow;
  const dryRun = input.dryRun ?? false;
  const out: ConsolidateOutput = { merged: 0, archived: 0, decayed: 0, dryRun, merges: [], archivedIds: [] };

  db.exec('BEGIN IMMEDIATE');
  try {
    const workspaces =
      input.workspaceId !== undefined
        ? [input.workspaceId]
        : (statement(db, 'SELECT DISTINCT workspace_id FROM memories WHERE archived_at IS NULL')
            .pluck()
            .all() as string[]);
    for (const workspace of workspaces) {
      const rows = statement(
        db,
        `SELECT seq, id, content, tags, importance, access_count, created_at, updated_at, accessed_at, decayed_at
         FROM memories WHERE workspace_id = ? AND archived_at IS NULL`,
      ).all(workspace) as Active[];
      const absorbed = mergeDuplicates(db, rows, similarity, now, out);
      const survivors = rows.filter((r) => !absorbed.has(r.seq));
      decayAndArchive(db, survivors, { halfLifeDays, archiveBelow, now }, out);
    }
    // A pass over every workspace (an operator's, never an agent's: the runtime pins agents to theirs) also merges
    // the full-text index into one segment, so that each search seeks one b-tree per term instead of one per segment.
    if (!dryRun && input.workspaceId === undefined) {
      db.exec("INSERT INTO memories_fts (memories_fts) VALUES ('optimize')");
    }
    db.exec(dryRun ? 'ROLLBACK' : 'COMMIT');
    return out;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

// Survivor preference: most important, then most used, then oldest. Returns the seqs absorbed.
function mergeDuplicates(
  db: Database.Database,
  rows: Active[],
  threshold: number,
  now: number,
  out: ConsolidateOutput,
): Set<number> {
  const absorbedSeqs = new Set<number>();
  const sets = rows.map((r) => new Set(tokenize(r.content)));
  const preference = rows
    .map((_, i) => i)
    .sort((a, b) => {
      const x = rows[a]!;
      const y = rows[b]!;
      return (
        y.importance - x.importance || y.access_count - x.access_count || x.created_at - y.created_at || x.seq - y.seq
      );
    });
  for (const group of findNearDuplicates(sets, preference, threshold)) {
    const survivor = rows[group.survivor]!;
    const absorbed = group.absorbed.map((a) => ({ row: rows[a.index]!, similarity: a.similarity }));
    const all = [survivor, ...absorbed.map((a) => a.row)];
    const tags = [...new Set(all.flatMap((r) => JSON.parse(r.tags) as string[]))];
    statement(
      db,
      `UPDATE memories SET tags = ?, importance = ?, access_count = ?, created_at = ?, updated_at = ? WHERE seq = ?`,
    ).run(
      JSON.stringify(tags),
      Math.max(...all.map((r) => r.importance)),
      all.reduce((n, r) => n + r.access_count, 0),
      Math.min(...all.map((r) => r.created_at)),
      Math.max(...all.map((r) => r.updated_at)),
      survivor.seq,
    );
    const insertTag = statement(db, 'INSERT OR IGNORE INTO memory_tags (tag, seq) VALUES (?, ?)');
    for (const tag of tags) insertTag.run(tag, survivor.seq);
    for (const { row, similarity } of absorbed) {
      statement(db, 'UPDATE memories SET merged_into = ?, archived_at = ? WHERE seq = ?').run(
        survivor.id,
        now,
        row.seq,
      );
      statement(
        db,
        'INSERT OR IGNORE INTO memory_links (survivor_id, absorbed_id, similarity, created_at) VALUES (?, ?, ?, ?)',
      ).run(survivor.id, row.id, similarity, now);
      absorbedSeqs.add(row.seq);
    }
    survivor.importance = Math.max(...all.map((r) => r.importance));
    survivor.access_count = all.reduce((n, r) => n + r.access_count, 0);
    out.merged += absorbed.length;
    if (out.merges.length < REPORT_MAX)
      out.merges.push({ survivorId: survivor.id, absorbedIds: absorbed.map((a) => a.row.id) });
  }
  return absorbedSeqs;
}

/**
 * Importance halves every `halfLifeDays` of disuse; the clock runs from the latest of store, re-store, retrieve or
 * previous decay, so repeated passes compose exactly. Each past retrieval stretches the half-life
 * (× 1 + log2(1 + accessCount)): memories in use fade slower.
 */
function decayAndArchive(
  db: Database.Database,
  rows: Active[],
  opts: { halfLifeDays: number; archiveBelow: number; now: number },
  out: ConsolidateOutput,
): void {
  const setImportance = statement(db, 'UPDATE memories SET importance = ?, decayed_at = ? WHERE seq = ?');
  const archive = statement(db, 'UPDATE memories SET archived_at = ? WHERE seq = ?');
  for (const r of rows) {
    const since = Math.max(r.created_at, r.updated_at, r.accessed_at ?? 0, r.decayed_at ?? 0);
    const idleDays = Math.max(0, opts.now - since) / DAY_MS;
    const halfLife = opts.halfLifeDays * (1 + Math.log2(1 + r.access_count));
    const importance = r.importance * Math.pow(0.5, idleDays / halfLife);
    if (r.importance - importance > 1e-6) {
      setImportance.run(importance, opts.now, r.seq);
      out.decayed++;
    }
    if (importance < opts.archiveBelow) {
      archive.run(opts.now, r.seq);
      out.archived++;
      if (out.archivedIds.length < REPORT_MAX) out.archivedIds.push(r.id);
    }
  }
}
