import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishable, repoRoot, run } from './support/pack.js';

const require = createRequire(import.meta.url);
const changesetBin = join(dirname(require.resolve('@changesets/cli/package.json', { paths: [repoRoot] })), 'bin.js');

// `pnpm version-packages` on the pending changesets, in a throwaway copy of the manifests (nothing is committed).
describe('pnpm version-packages on the pending changesets', () => {
  it('versions every published package as its first release, 0.1.0, with a CHANGELOG that says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-version-'));
    const workspace = readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8');
    writeFileSync(join(dir, 'pnpm-workspace.yaml'), workspace);
    cpSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
    cpSync(join(repoRoot, '.changeset'), join(dir, '.changeset'), { recursive: true });
    for (const group of ['packages', 'apps'])
      for (const name of readdirSync(join(repoRoot, group))) {
        mkdirSync(join(dir, group, name), { recursive: true });
        cpSync(join(repoRoot, group, name, 'package.json'), join(dir, group, name, 'package.json'));
      }
    for (const name of ['bench', 'e2e', 'chaos']) {
      mkdirSync(join(dir, name));
      cpSync(join(repoRoot, name, 'package.json'), join(dir, name, 'package.json'));
    }
    await run('git', ['init', '-q'], { cwd: dir });
    await run('git', ['add', '-A'], { cwd: dir });
    await run('git', ['-c', 'user.email=ci@example.invalid', '-c', 'user.name=ci', 'commit', '-qm', 'manifests'], {
      cwd: dir,
    });
    await run(process.execPath, [changesetBin, 'version'], { cwd: dir });
    for (const folder of publishable) {
      const pkg = JSON.parse(readFileSync(join(dir, 'packages', folder, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(pkg.version).toBe('0.1.0');
      const changelog = readFileSync(join(dir, 'packages', folder, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toMatch(/^# @axon\/\w+\n\n## 0\.1\.0\n/);
      expect(changelog).toMatch(/First release/);
    }
    expect(readdirSync(join(dir, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')).toEqual([]);
  });
});
