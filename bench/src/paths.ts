import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A built file of a workspace package, e.g. `builtFile('agent', 'sdk.js')` → `packages/agent/dist/sdk.js`. */
export function builtFile(pkg: string, file = 'index.js'): string {
  return join(repoRoot, 'packages', pkg, 'dist', file);
}
