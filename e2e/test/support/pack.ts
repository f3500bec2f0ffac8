import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runs a command without blocking the test worker's event loop. */
export const run = promisify(execFile);

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The publishable packages, by folder under packages/. */
export const publishable = [
  'agent',
  'sandbox',
  'process',
  'cortex',
  'mcp',
  'executor',
  'core',
  'server',
  'cluster',
  'cli',
] as const;

/** The package name of a folder under packages/. */
export function packageName(folder: string): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'packages', folder, 'package.json'), 'utf8')) as { name: string })
    .name;
}

function pnpmCommand(): { cmd: string; pre: string[] } {
  // Inside `pnpm test`, pnpm tells its own location; elsewhere fall back to npx.
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath)) return { cmd: process.execPath, pre: [execPath] };
  return { cmd: 'npx', pre: ['--yes', 'pnpm@10.34.9'] };
}

/**
 * Packs the given packages with pnpm (which applies `publishConfig` and rewrites `workspace:` ranges)
 * into a fresh directory; returns folder → tarball path.
 */
export async function packAll(folders: readonly string[] = publishable): Promise<Map<string, string>> {
  const out = mkdtempSync(join(tmpdir(), 'axon-pack-'));
  const { cmd, pre } = pnpmCommand();
  const tarballs = new Map<string, string>();
  for (const folder of folders) {
    const dest = join(out, folder);
    mkdirSync(dest);
    await run(cmd, [...pre, 'pack', '--pack-destination', dest], { cwd: join(repoRoot, 'packages', folder) });
    const file = readdirSync(dest).find((f) => f.endsWith('.tgz'));
    if (!file) throw new Error(`pnpm pack produced no tarball for ${folder}`);
    tarballs.set(folder, join(dest, file));
  }
  return tarballs;
}

/** Extracts a tarball; returns the directory that holds its package.json. */
export async function extract(tarball: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'axon-unpacked-'));
  await run('tar', ['xzf', tarball, '-C', dir]);
  return join(dir, 'package');
}
