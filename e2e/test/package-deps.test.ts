import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishable, repoRoot } from './support/pack.js';

interface Manifest {
  name: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const manifest = (folder: string): Manifest =>
  JSON.parse(readFileSync(join(repoRoot, 'packages', folder, 'package.json'), 'utf8')) as Manifest;

function files(dir: string, ending: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ending) : ending.test(name) ? [path] : [];
  });
}

// `x` of `x/sub/path` and `@scope/x` of `@scope/x/sub`.
const packageOf = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

/** Bare packages a set of files imports or requires (no `node:` built-ins, no relative paths). */
function importedPackages(paths: string[]): Set<string> {
  const found = new Set<string>();
  const re = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"./][^'"]*)['"]/g;
  for (const path of paths)
    for (const m of readFileSync(path, 'utf8').matchAll(re))
      if (!m[1]!.startsWith('node:')) found.add(packageOf(m[1]!));
  return found;
}

/** The folder of package `name` as Node.js finds it from `fromDir` (node_modules up the tree; exports ignored). */
function packageDir(fromDir: string, name: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed for ${fromDir}`);
  }
}

interface DepManifest {
  type?: string;
  types?: string;
  typings?: string;
  exports?: unknown;
}

const depManifest = (dir: string): DepManifest =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as DepManifest;

const hasDts = (dir: string): boolean => files(dir, /\.d\.(ts|mts|cts)$/).length > 0;

const builtins = new Set(createRequire(import.meta.url)('node:module').builtinModules as string[]);

describe.each(publishable)('@axon/%s dependencies', (folder) => {
  const pkg = manifest(folder);
  const dir = join(repoRoot, 'packages', folder);
  const runtime = Object.keys(pkg.dependencies ?? {});

  it('declares as dependencies only packages its sources import (no native builds dragged into installs)', () => {
    const imported = importedPackages(files(join(dir, 'src'), /\.ts$/));
    // The cortex package is depended on for its `cortex` executable, found at run time (discoverCortex); the server
    // names pino-roll as a pino transport target, which pino loads by name in its worker thread.
    const typesOf = (d: string): string | undefined =>
      d.startsWith('@types/') ? d.slice('@types/'.length).replace(/^(.+)__/, '@$1/') : undefined;
    const unused = runtime.filter(
      (d) =>
        !imported.has(d) &&
        !imported.has(typesOf(d) ?? '') &&
        !(folder === 'mcp' && d === '@axon/cortex') &&
        !(folder === 'server' && d === 'pino-roll'),
    );
    expect(unused).toEqual([]);
  });

  it('can resolve every package its published .d.ts files import, from its dependencies alone', () => {
    const dts = files(join(dir, 'dist'), /\.d\.(ts|cts)$/);
    const needed = [...importedPackages(dts)].filter((p) => !builtins.has(p));
    const missing = needed.filter((p) => {
      if (runtime.includes(p) || (pkg.peerDependencies && p in pkg.peerDependencies)) {
        // A package without its own types needs its @types/ package among the dependencies too.
        const depDir = packageDir(dir, p);
        const own = depManifest(depDir);
        const typed = Boolean(own.types ?? own.typings) || hasDts(depDir);
        const typesPkg = `@types/${p.replace(/^@/, '').replace('/', '__')}`;
        return !typed && !runtime.includes(typesPkg);
      }
      return true;
    });
    expect(missing).toEqual([]);
  });

  it('states the Node.js floor its CommonJS build needs (>=20.19: require() of ESM-only packages such as execa)', () => {
    // One floor for every package. It was set for execa 9 (ESM only, loadable from CommonJS since 20.19); execa is
    // gone from @axon/process, but 20.19 stays the floor the CJS builds are tested on.
    expect(pkg.engines?.node).toBe('>=20.19');
  });
});
