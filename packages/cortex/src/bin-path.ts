import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// This module runs from src/ (workspace sources) or bundled into dist/index.{js,cjs}; both resolve to dist/cli.js.
function resolveBinPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return basename(here) === 'dist' ? join(here, 'cli.js') : join(here, '..', 'dist', 'cli.js');
}

/**
 * Absolute path of the built `cortex` executable (`dist/cli.js`, with a node shebang). Run it as
 * `node <cortexBinPath> mcp stdio [--db PATH]`, or directly where shebangs work.
 */
export const cortexBinPath: string = resolveBinPath();
