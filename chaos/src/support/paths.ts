import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Root of the @axon/chaos package. */
export const CHAOS_ROOT = join(here, '..', '..');
/** Root of the monorepo. */
export const REPO_ROOT = join(CHAOS_ROOT, '..');
/** Node, to run the fixtures. */
export const NODE = process.execPath;

/** Absolute path of a fixture script in `chaos/fixtures`. */
export function fixture(name: string): string {
  return join(CHAOS_ROOT, 'fixtures', name);
}
