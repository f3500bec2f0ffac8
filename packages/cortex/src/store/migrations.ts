import type Database from 'better-sqlite3';
import { CortexError } from '../errors.js';

// Each entry moves the schema from version i to i + 1; never edit a shipped entry, append a new one.
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE memories (
    seq          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,
    content      TEXT    NOT NULL,
    content_hash TEXT    NOT NULL,
    kind         TEXT    NOT NULL DEFAULT 'note',
    tags         TEXT    NOT NULL DEFAULT '[]',
    importance   REAL    NOT NULL DEFAULT 0.5,
    workspace_id TEXT    NOT NULL DEFAULT '',
    session_id   TEXT,
    agent_id     TEXT,
    metadata     TEXT    NOT NULL DEFAULT '{}',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    accessed_at  INTEGER,
    access_count INTEGER NOT NULL DEFAULT 0,
    decayed_at   INTEGER,
    archived_at  INTEGER,
    merged_into  TEXT
  );
  CREATE UNIQUE INDEX memories_dedupe ON memories (workspace_id, content_hash) WHERE merged_into IS NULL;
  CREATE INDEX memories_updated ON memories (updated_at);
  CREATE INDEX memories_session ON memories (session_id) WHERE session_id IS NOT NULL;

  CREATE TABLE memory_tags (
    seq INTEGER NOT NULL REFERENCES memories (seq),
    tag TEXT    NOT NULL,
    PRIMARY KEY (tag, seq)
  ) WITHOUT ROWID;

  CREATE TABLE memory_links (
    survivor_id TEXT    NOT NULL,
    absorbed_id TEXT    NOT NULL,
    similarity  REAL    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (survivor_id, absorbed_id)
  ) WITHOUT ROWID;

  CREATE VIRTUAL TABLE memories_fts USING fts5 (
    content, tags,
    content = 'memories', content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
  );
  INSERT INTO memories_fts (memories_fts, rank) VALUES ('rank', 'bm25(1.0, 0.5)');

  CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
    INSERT INTO memories_fts (rowid, content, tags) VALUES (new.seq, new.content, new.tags);
  END;
  CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
    INSERT INTO memories_fts (memories_fts, rowid, content, tags) VALUES ('delete', old.seq, old.content, old.tags);
  END;
  CREATE TRIGGER memories_fts_update AFTER UPDATE OF content, tags ON memories BEGIN
    INSERT INTO memories_fts (memories_fts, rowid, content, tags) VALUES ('delete', old.seq, old.content, old.tags);
    INSERT INTO memories_fts (rowid, content, tags) VALUES (new.seq, new.content, new.tags);
  END;
  `,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to {@link SCHEMA_VERSION}. Runs under an IMMEDIATE transaction and re-reads
 * `user_version` inside it, so several Cortex processes opening one file at once migrate it once.
 */
export function migrate(db: Database.Database): void {
  const current = (): number => db.pragma('user_version', { simple: true }) as number;
  if (current() === SCHEMA_VERSION) return;
  db.transaction(() => {
    const from = current();
    if (from > SCHEMA_VERSION) {
      throw new CortexError(
        'SCHEMA_TOO_NEW',
        `database schema version ${from} is newer than this Cortex understands (${SCHEMA_VERSION}); upgrade @axon/cortex`,
        { data: { found: from, supported: SCHEMA_VERSION } },
      );
    }
    for (let v = from; v < SCHEMA_VERSION; v++) {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}
