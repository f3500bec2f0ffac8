import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CortexError } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { ConsolidateInput, ConsolidateOutput } from '../schemas/consolidate.js';
import { ConsolidateInputSchema } from '../schemas/consolidate.js';
import type { RetrieveInput, RetrieveOutput } from '../schemas/retrieve.js';
import { RetrieveInputSchema } from '../schemas/retrieve.js';
import type { SearchInput, SearchOutput } from '../schemas/search.js';
import { SearchInputSchema } from '../schemas/search.js';
import type { StoreInput, StoreOutput } from '../schemas/store.js';
import { StoreInputSchema } from '../schemas/store.js';
import { consolidate } from './consolidate.js';
import { openDatabase, type Synchronous } from './open-database.js';
import { parseInput } from './parse.js';
import { toMemory, type MemoryRow } from './rows.js';
import { searchMemories } from './search.js';
import { contentHash } from './text.js';

/** Options of {@link CortexStore}. */
export interface CortexStoreOptions {
  /** Database file (created with its directory if missing), or `':memory:'`. */
  path: string;
  /**
   * SQLite `synchronous` level in WAL mode. `NORMAL` (default): an acknowledged store survives the death of the
   * process (SIGKILL, crash); the last commits may be lost on power loss or OS crash. `FULL`: also survives those,
   * at one fsync per store.
   */
  synchronous?: Synchronous;
  /** How long a write waits for another process holding the database lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
  /** Clock in epoch ms; default `Date.now`. For tests of recency and decay. */
  now?: () => number;
}

/** Counts of memories in a store. */
export interface CortexStoreStats {
  /** Memories searchable now. */
  active: number;
  /** Memories archived for low importance (not merged). */
  archived: number;
  /** Memories absorbed by a survivor during consolidation. */
  merged: number;
}

/**
 * The Cortex memory store on SQLite (WAL, FTS5). Synchronous and usable in-process; the MCP server is a thin layer
 * over it. Every method validates its input and throws a {@link CortexError} naming the field at fault.
 */
export class CortexStore {
  /** The underlying better-sqlite3 connection (for diagnostics; do not write to it). */
  readonly db: Database.Database;
  /** Database file path. */
  readonly path: string;
  /**
   * Why the database cannot be written (read-only mount, no write permission), or `undefined`. A read-only store
   * searches and retrieves (without counting accesses); `store` and `consolidate` throw `READ_ONLY` naming the
   * path and this reason.
   */
  readonly readOnly: string | undefined;
  readonly #now: () => number;
  #closed = false;

  constructor(options: CortexStoreOptions) {
    this.path = options.path;
    this.#now = options.now ?? Date.now;
    const opened = openDatabase(options.path, {
      synchronous: options.synchronous ?? 'NORMAL',
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    });
    this.db = opened.db;
    this.readOnly = opened.readOnly;
  }

  /** Stores a memory; identical normalised content in the same workspace returns the existing id. */
  store(input: StoreInput): StoreOutput {
    this.#open();
    const p = parseInput(StoreInputSchema, input);
    this.#writable('store a memory');
    const now = this.#now();
    const workspace = p.workspaceId ?? '';
    const hash = contentHash(p.content);
    const tags = [...new Set((p.tags ?? []).map((t) => t.trim()).filter((t) => t.length > 0))];
    const db = this.db;
    return db
      .transaction((): StoreOutput => {
        const existing = db
          .prepare('SELECT * FROM memories WHERE workspace_id = ? AND content_hash = ? AND merged_into IS NULL')
          .get(workspace, hash) as MemoryRow | undefined;
        if (existing) {
          const merged = [...new Set([...(JSON.parse(existing.tags) as string[]), ...tags])].slice(0, LIMITS.tags * 4);
          const metadata = { ...(JSON.parse(existing.metadata) as object), ...p.metadata };
          db.prepare(
            `UPDATE memories SET tags = ?, metadata = ?, importance = max(importance, ?), updated_at = ?,
               archived_at = NULL WHERE seq = ?`,
          ).run(JSON.stringify(merged), JSON.stringify(metadata), p.importance ?? 0, now, existing.seq);
          this.#insertTags(existing.seq, merged);
          return { id: existing.id, deduplicated: true };
        }
        const id = `mem_${randomUUID()}`;
        const { lastInsertRowid } = db
          .prepare(
            `INSERT INTO memories (id, content, content_hash, kind, tags, importance, workspace_id, session_id, agent_id,
               metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            id,
            p.content,
            hash,
            p.kind ?? 'note',
            JSON.stringify(tags),
            p.importance ?? 0.5,
            workspace,
            p.sessionId ?? null,
            p.agentId ?? null,
            JSON.stringify(p.metadata ?? {}),
            now,
            now,
          );
        this.#insertTags(Number(lastInsertRowid), tags);
        return { id, deduplicated: false };
      })
      .immediate();
  }

  /** Full-text search ranked by bm25, recency and importance; archived and merged memories are left out. */
  search(input: SearchInput): SearchOutput {
    this.#open();
    return searchMemories(this.db, parseInput(SearchInputSchema, input), this.#now());
  }

  /**
   * Whole memories by id, in the order asked; bumps their access count. Unknown ids throw `NOT_FOUND`, and so do ids
   * of another workspace when `workspaceId` is given (a tenant cannot tell them from ids that do not exist).
   */
  retrieve(input: RetrieveInput): RetrieveOutput {
    this.#open();
    const p = parseInput(RetrieveInputSchema, input);
    const ids = [...new Set(p.ids ?? (p.id === undefined ? [] : [p.id]))];
    const db = this.db;
    const now = this.#now();
    const counted = this.readOnly === undefined;
    const run = db.transaction((): RetrieveOutput => {
      const marks = ids.map(() => '?').join(',');
      const rows = (
        p.workspaceId === undefined
          ? db.prepare(`SELECT * FROM memories WHERE id IN (${marks})`).all(...ids)
          : db.prepare(`SELECT * FROM memories WHERE id IN (${marks}) AND workspace_id = ?`).all(...ids, p.workspaceId)
      ) as MemoryRow[];
      const byId = new Map(rows.map((r) => [r.id, r]));
      const missing = ids.filter((id) => !byId.has(id));
      if (missing.length > 0) {
        throw new CortexError('NOT_FOUND', `unknown memory id${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`, {
          data: { field: p.ids ? 'ids' : 'id', ids: missing },
        });
      }
      if (counted) {
        db.prepare(`UPDATE memories SET access_count = access_count + 1, accessed_at = ? WHERE id IN (${marks})`).run(
          now,
          ...ids,
        );
      }
      const links = db
        .prepare(
          `SELECT survivor_id, absorbed_id FROM memory_links WHERE survivor_id IN (${marks}) ORDER BY created_at, absorbed_id`,
        )
        .all(...ids) as Array<{ survivor_id: string; absorbed_id: string }>;
      return {
        memories: ids.map((id) => {
          const row = byId.get(id)!;
          const absorbed = links.filter((l) => l.survivor_id === id).map((l) => l.absorbed_id);
          return toMemory(counted ? { ...row, access_count: row.access_count + 1, accessed_at: now } : row, absorbed);
        }),
      };
    });
    return counted ? run.immediate() : run.deferred();
  }

  /**
   * Merges duplicates, decays importance, archives the unimportant; never deletes. Without `workspaceId` (every
   * workspace) and not a dry run, it also merges the full-text index into one segment. See docs/cortex.md.
   */
  consolidate(input: ConsolidateInput = {}): ConsolidateOutput {
    this.#open();
    const p = parseInput(ConsolidateInputSchema, input);
    this.#writable('consolidate');
    return consolidate(this.db, p, this.#now());
  }

  /** How many memories are active, archived and merged. */
  stats(): CortexStoreStats {
    this.#open();
    return this.db
      .prepare(
        `SELECT count(*) FILTER (WHERE archived_at IS NULL) AS active,
           count(*) FILTER (WHERE archived_at IS NOT NULL AND merged_into IS NULL) AS archived,
           count(*) FILTER (WHERE merged_into IS NOT NULL) AS merged FROM memories`,
      )
      .get() as CortexStoreStats;
  }

  /** Closes the database (idempotent). Later calls throw `STORE_CLOSED`. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.db.close();
  }

  #insertTags(seq: number, tags: string[]): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO memory_tags (tag, seq) VALUES (?, ?)');
    for (const tag of tags) insert.run(tag, seq);
  }

  #writable(what: string): void {
    if (this.readOnly === undefined) return;
    throw new CortexError('READ_ONLY', `cannot ${what}: Cortex database ${this.path} is read-only (${this.readOnly})`, {
      data: { path: this.path, reason: this.readOnly },
    });
  }

  #open(): void {
    if (this.#closed) throw new CortexError('STORE_CLOSED', `Cortex store ${this.path} is closed`);
  }
}
