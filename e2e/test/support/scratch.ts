import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './pack.js';

/**
 * A scratch directory with a fresh package.json and the given tarballs installed by npm, the way a user
 * installs published packages (no workspace, no links). `extraArgs` go to `npm install` (e.g. `--ignore-scripts`).
 */
export async function scratchInstall(tarballs: string[], extraArgs: string[] = []): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'axon-scratch-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }, null, 2));
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...extraArgs, ...tarballs], {
    cwd: dir,
    env: { ...process.env, npm_config_foreground_scripts: 'false' },
    timeout: 600_000,
  });
  return dir;
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
