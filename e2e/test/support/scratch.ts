import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot, run } from './pack.js';

/**
 * A scratch directory with a fresh package.json and the given tarballs installed by npm, the way a user
 * installs published packages (no workspace, no links). `extraArgs` go to `npm install` (e.g. `--ignore-scripts`).
 *
 * Install scripts run as they would for a user, with one saving: better-sqlite3 compiles from source here (no
 * prebuilt binary can be downloaded), which takes minutes on a loaded machine. When the scratch install resolves the
 * same better-sqlite3 version as this workspace, the workspace's compiled addon (same Node.js ABI) is copied in
 * instead of compiling it again; any other version is rebuilt with npm.
 */
export async function scratchInstall(tarballs: string[], extraArgs: string[] = []): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'axon-scratch-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }, null, 2));
  const npm = (args: string[]) =>
    run('npm', args, {
      cwd: dir,
      env: { ...process.env, npm_config_foreground_scripts: 'false' },
      timeout: 600_000,
    });
  const scripts = !extraArgs.includes('--ignore-scripts');
  await npm(['install', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts', ...extraArgs, ...tarballs]);
  if (!scripts) return dir;
  const withScripts = packagesWithInstallScripts(join(dir, 'node_modules'));
  const reused = withScripts.includes('better-sqlite3') && reuseSqliteBuild(join(dir, 'node_modules'));
  const rebuild = withScripts.filter((name) => !(reused && name === 'better-sqlite3'));
  if (rebuild.length > 0) await npm(['rebuild', '--loglevel=error', ...rebuild]);
  return dir;
}

// Installed packages (one level of scopes) whose manifest has an install, preinstall or postinstall script.
function packagesWithInstallScripts(modules: string): string[] {
  const names = readdirSync(modules).flatMap((name) =>
    name.startsWith('@') ? readdirSync(join(modules, name)).map((sub) => `${name}/${sub}`) : [name],
  );
  return names.filter((name) => {
    const path = join(modules, name, 'package.json');
    if (!existsSync(path)) return false;
    const { scripts = {} } = JSON.parse(readFileSync(path, 'utf8')) as { scripts?: Record<string, string> };
    return ['preinstall', 'install', 'postinstall'].some((k) => k in scripts);
  });
}

// Copies the workspace's compiled better-sqlite3 addon into the scratch install when the versions match.
function reuseSqliteBuild(modules: string): boolean {
  const version = (dir: string) =>
    (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  let workspace: string;
  try {
    workspace = dirname(
      createRequire(join(repoRoot, 'packages', 'cortex', 'package.json')).resolve('better-sqlite3/package.json'),
    );
  } catch {
    return false;
  }
  const scratch = join(modules, 'better-sqlite3');
  const addon = join(workspace, 'build', 'Release', 'better_sqlite3.node');
  if (version(workspace) !== version(scratch) || !existsSync(addon)) return false;
  mkdirSync(join(scratch, 'build', 'Release'), { recursive: true });
  cpSync(addon, join(scratch, 'build', 'Release', 'better_sqlite3.node'));
  return true;
}

/** Writes a file into the scratch directory. */
export function writeScript(dir: string, file: string, source: string): void {
  writeFileSync(join(dir, file), source);
}

/** Runs `node <file>` in `dir` with a private HOME (so nothing touches the user's data) and returns stdout. */
export async function runScript(dir: string, file: string, source: string): Promise<string> {
  writeFileSync(join(dir, file), source);
  const home = mkdtempSync(join(tmpdir(), 'axon-home-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' };
  const { stdout } = await run(process.execPath, [file], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  return stdout;
}
