import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newest(dir: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return max;
}

// Tests spawn dist/cli.js, so make sure it is current (a fresh clone, or edited sources).
export default function setup(): void {
  let built = 0;
  try {
    built = statSync(join(root, 'dist', 'cli.js')).mtimeMs;
  } catch {
    /* not built */
  }
  if (built >= newest(join(root, 'src'))) return;
  execFileSync('npx', ['--no-install', 'tsup'], { cwd: root, stdio: 'inherit' });
}
