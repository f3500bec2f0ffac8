import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CortexError, isCortexError } from '../errors.js';
import { migrate } from './migrations.js';

/** How hard SQLite works to keep a commit: see docs/cortex.md "Durability". */
export type Synchronous = 'NORMAL' | 'FULL';

/** Opens (creating if needed) a Cortex database in WAL mode and migrates it. */
export function openDatabase(
  path: string,
  options: { synchronous: Synchronous; busyTimeoutMs: number },
): Database.Database {
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && path !== ':memory:') throw new Error(`journal_mode is ${String(mode)}, expected wal`);
    db.pragma(`synchronous = ${options.synchronous}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (isCortexError(error)) throw error;
    throw new CortexError('DB_OPEN_FAILED', `cannot open Cortex database ${path}: ${(error as Error).message}`, {
      data: { path },
      cause: error,
    });
  }
}
