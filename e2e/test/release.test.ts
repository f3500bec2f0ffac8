import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { beforeAll, describe, expect, it } from 'vitest';
import { extract, packAll, publishable } from './support/pack.js';

const require = createRequire(import.meta.url);
const attwBin = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');

describe('release readiness', () => {
  let tarballs: Map<string, string>;
  beforeAll(() => {
    tarballs = packAll();
  });

  describe.each(publishable)('@axon/%s', (folder) => {
    it('passes publint with no errors or warnings', async () => {
      const pkgDir = extract(tarballs.get(folder)!);
      const { messages } = await publint({ pkgDir, pack: false, level: 'warning', strict: true });
      expect(messages.map((m) => `${m.code} at ${m.path.join('.')}`)).toEqual([]);
    });

    it('passes are-the-types-wrong for ESM and CJS consumers', () => {
      const run = () =>
        execFileSync(process.execPath, [attwBin, tarballs.get(folder)!, '--format', 'ascii', '--profile', 'node16', '--no-emoji', '--no-color'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      expect(run).not.toThrow();
    });
  });
});
