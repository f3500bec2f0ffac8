import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** What a running `axon serve` writes for its clients (`axon status`, `logs`, `top`, `submit`, `stop`). */
export interface ServeState {
  /** Base URL of the admin API, e.g. `http://127.0.0.1:7070`. */
  url: string;
  /** Pid of the server process. */
  pid: number;
  /** File that holds the bearer token. */
  tokenFile: string;
  /** Epoch ms the server started. */
  startedAt: number;
  /** Config file it serves, if any. */
  config?: string;
}

/** The directory of the state file and the default token: `$AXON_STATE_DIR`, `$XDG_STATE_HOME/axon`, or `~/.local/state/axon`. */
export function defaultStateDir(env: Record<string, string | undefined> = process.env): string {
  if (env.AXON_STATE_DIR) return env.AXON_STATE_DIR;
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'axon');
}

/** Path of the state file in `dir`. */
export function stateFilePath(dir: string): string {
  return join(dir, 'serve.json');
}

// Writes with mode 0600 (and fixes the mode of an existing file): state and token are secrets of the user.
function writePrivate(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/**
 * The admin token: `given` when set (also stored in `tokenFile`), else the one in `tokenFile`, else a new random one
 * (32 bytes, base64url) written there with mode 0600.
 */
export function ensureToken(tokenFile: string, given?: string): string {
  if (given !== undefined) {
    writePrivate(tokenFile, `${given}\n`);
    return given;
  }
  try {
    const existing = readFileSync(tokenFile, 'utf8').trim();
    if (existing.length >= 16) {
      chmodSync(tokenFile, 0o600);
      return existing;
    }
  } catch {
    // none yet
  }
  const token = randomBytes(32).toString('base64url');
  writePrivate(tokenFile, `${token}\n`);
  return token;
}

/** Writes the state file (0600). */
export function writeState(dir: string, state: ServeState): void {
  writePrivate(stateFilePath(dir), `${JSON.stringify(state, null, 2)}\n`);
}

/** Reads the state file, or `undefined` when there is none. */
export function readState(dir: string): ServeState | undefined {
  try {
    return JSON.parse(readFileSync(stateFilePath(dir), 'utf8')) as ServeState;
  } catch {
    return undefined;
  }
}

/** Removes the state file if it still names `pid`. */
export function removeState(dir: string, pid: number): void {
  if (readState(dir)?.pid === pid) rmSync(stateFilePath(dir), { force: true });
}
