import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/**
 * Where Node finds package `name` from `fromDir` (walking up the `node_modules` folders, as its resolver does) and
 * where the package really is: pnpm (and `npm link`) reach packages through symlinks, and a sandbox must be able to
 * read both the link's path and its target. Empty when the package is not installed there.
 */
export function packagePaths(fromDir: string, name: string): string[] {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return [...new Set([candidate, realpathSync(candidate)])];
    if (dirname(dir) === dir) return [];
  }
}

function closure(root: string, into: Set<string>, visited: Set<string>): void {
  const real = realpathSync(root);
  if (visited.has(real)) return;
  visited.add(real);
  into.add(real);
  const manifest = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
    const found = packagePaths(real, name);
    for (const path of found) into.add(path);
    if (found.length > 0) closure(found.at(-1)!, into, visited);
  }
}

/**
 * The paths a Node.js program needs readable inside a sandbox to run from package `root` (the folder holding its
 * `package.json`): the package, as given and as its real path, and every package it depends on at run time
 * (`dependencies` and `optionalDependencies`, transitively, where installed), as link paths and real paths. Put them
 * in a sandbox policy's `filesystem.read`; nothing is writable through them. A path inside another listed path is
 * left out (it is visible through its parent).
 */
export function nodePackageReadPaths(root: string): string[] {
  const into = new Set<string>([root]);
  closure(root, into, new Set());
  // A path inside another listed one is visible already; binding it again would mount over a symlink whose target
  // may not be mounted yet (bubblewrap then fails to start).
  const paths = [...into];
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q.endsWith(sep) ? q : q + sep)));
}
