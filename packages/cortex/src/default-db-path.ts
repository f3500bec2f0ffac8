import { join } from 'node:path';
import envPaths from 'env-paths';

/** Sources of the database path, in the order they are tried. */
export interface DbPathSources {
  /** `--db` on the command line. */
  flag?: string | undefined;
  /** Environment; default `process.env` (reads `CORTEX_DB`). */
  env?: NodeJS.ProcessEnv;
}

/**
 * The database path: `--db`, else `CORTEX_DB`, else `cortex.db` in the per-user data directory that `env-paths`
 * gives for `axon-cortex` (`$XDG_DATA_HOME/axon-cortex`, default `~/.local/share/axon-cortex`; macOS
 * `~/Library/Application Support/axon-cortex`; Windows `%LOCALAPPDATA%\axon-cortex\Data`).
 */
export function resolveDbPath(sources: DbPathSources = {}): string {
  const env = sources.env ?? process.env;
  if (sources.flag) return sources.flag;
  if (env.CORTEX_DB) return env.CORTEX_DB;
  return join(envPaths('axon-cortex', { suffix: '' }).data, 'cortex.db');
}
