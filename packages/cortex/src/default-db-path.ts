import { homedir } from 'node:os';
import { join } from 'node:path';

/** Sources of the database path, in the order they are tried. */
export interface DbPathSources {
  /** `--db` on the command line. */
  flag?: string | undefined;
  /** Environment; default `process.env` (reads `CORTEX_DB`, `XDG_DATA_HOME`, `LOCALAPPDATA`). */
  env?: NodeJS.ProcessEnv;
  /** Platform; default `process.platform`. */
  platform?: NodeJS.Platform;
  /** Home directory; default `os.homedir()`. */
  home?: string;
}

/**
 * The database path: `--db`, else `CORTEX_DB`, else `cortex.db` in the per-user data directory
 * (`$XDG_DATA_HOME/axon-cortex`, default `~/.local/share/axon-cortex`; macOS `~/Library/Application Support/axon-cortex`;
 * Windows `%LOCALAPPDATA%\axon-cortex`).
 */
export function resolveDbPath(sources: DbPathSources = {}): string {
  const env = sources.env ?? process.env;
  if (sources.flag) return sources.flag;
  if (env.CORTEX_DB) return env.CORTEX_DB;
  const home = sources.home ?? homedir();
  const platform = sources.platform ?? process.platform;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'axon-cortex', 'cortex.db');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'axon-cortex', 'cortex.db');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'axon-cortex', 'cortex.db');
}
