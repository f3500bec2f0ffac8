import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CortexError, isCortexError } from '../errors.js';
import { SCHEMA_VERSION, migrate } from './migrations.js';
import { nativeBindingAdvice } from './native-binding.js';

/** How hard SQLite works to keep a commit: see docs/cortex.md "Durability". */
export type Synchronous = 'NORMAL' | 'FULL';

/** An open Cortex database. */
export interface OpenedDatabase {
  db: Database.Database;
  /** Why the database cannot be written (it was opened read-only), or `undefined` when it can. */
  readOnly: string | undefined;
}

// Memories are private: the database and its WAL files are the user's only, and so is a directory Cortex creates.
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/**
 * Opens (creating if needed) a Cortex database in WAL mode and migrates it. A database that exists but cannot be
 * written (read-only mount, no write permission on it or its directory) is opened read-only instead.
 */
export function openDatabase(
  path: string,
  options: { synchronous: Synchronous; busyTimeoutMs: number },
): OpenedDatabase {
  const memory = path === ':memory:';
  const problem = memory ? undefined : writeProblem(path);
  if (problem !== undefined && existsSync(path)) return { db: openReadOnly(path, problem), readOnly: problem };
  if (problem !== undefined) {
    throw new CortexError('DB_OPEN_FAILED', `cannot create Cortex database ${path}: ${problem}`, {
      data: { path, reason: problem },
    });
  }
  let db: Database.Database | undefined;
  try {
    if (!memory) createPrivately(path);
    db = new Database(path);
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && !memory) throw new Error(`journal_mode is ${String(mode)}, expected wal`);
    db.pragma(`synchronous = ${options.synchronous}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
    if (!memory) restrictFiles(path);
    return { db, readOnly: undefined };
  } catch (error) {
    db?.close();
    if (isCortexError(error)) throw error;
    const advice = nativeBindingAdvice(error);
    if (advice)
      throw new CortexError('NATIVE_BINDING_MISSING', `cannot open Cortex database ${path}: ${advice}`, {
        data: { path },
        cause: error,
      });
    throw new CortexError('DB_OPEN_FAILED', `cannot open Cortex database ${path}: ${(error as Error).message}`, {
      data: { path },
      cause: error,
    });
  }
}

// Why `path` cannot be written, in words (WAL mode also needs its directory writable for -wal and -shm).
function writeProblem(path: string): string | undefined {
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  for (const target of existsSync(path) ? [path, dir] : [dir]) {
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS') return `${target} is on a read-only file system (EROFS)`;
      if (code === 'EACCES' || code === 'EPERM') return `no write permission on ${target} (${code})`;
      return `${target} cannot be written (${code ?? (error as Error).message})`;
    }
  }
  return undefined;
}

// Creates the directory (0700) and an empty database file (0600) before SQLite opens it, so that the file is
// never readable by others, not even for a moment; SQLite gives -wal and -shm the database file's mode.
function createPrivately(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  try {
    closeSync(openSync(path, 'wx', FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function restrictFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if ((statSync(file).mode & 0o777) !== FILE_MODE) chmodSync(file, FILE_MODE);
    } catch {
      /* -wal/-shm come and go; a file we do not own keeps its mode */
    }
  }
}

/**
 * A WAL database needs its -shm file to be read in place; on a read-only location without one, the file is read
 * into memory (marked as a rollback-journal database) and served from there, read-only.
 */
function openReadOnly(path: string, reason: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
      db.pragma('user_version', { simple: true });
    } catch {
      db?.close();
      const wal = `${path}-wal`;
      if (existsSync(wal) && statSync(wal).size > 0) {
        throw new Error(`its write-ahead log ${wal} holds commits that cannot be read without writing`);
      }
      const image = readFileSync(path);
      if (image.length >= 20 && image[18] === 2) image.fill(1, 18, 20);
      db = new Database(image, { readonly: true });
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new CortexError(
        'SCHEMA_TOO_NEW',
        `database schema version ${version} is newer than this Cortex understands (${SCHEMA_VERSION}); upgrade @axon/cortex`,
        { data: { found: version, supported: SCHEMA_VERSION, path } },
      );
    }
    if (version < SCHEMA_VERSION) throw new Error(`it needs migrating to schema version ${SCHEMA_VERSION}`);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db?.close();
    if (isCortexError(error)) throw error;
    const advice = nativeBindingAdvice(error);
    if (advice)
      throw new CortexError('NATIVE_BINDING_MISSING', `cannot open Cortex database ${path}: ${advice}`, {
        data: { path, reason },
        cause: error,
      });
    throw new CortexError(
      'DB_OPEN_FAILED',
      `cannot open Cortex database ${path} read-only (${reason}): ${(error as Error).message}`,
      { data: { path, reason }, cause: error },
    );
  }
}
