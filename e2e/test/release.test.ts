import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { beforeAll, describe, expect, it } from 'vitest';
import { extract, packAll, publishable, run } from './support/pack.js';

const require = createRequire(import.meta.url);
const attwBin = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');

describe('release readiness', () => {
  let tarballs: Map<string, string>;
  beforeAll(async () => {
    tarballs = await packAll();
  });

  describe.each(publishable)('@axon/%s', (folder) => {
    it('passes publint with no errors or warnings', async () => {
      const pkgDir = await extract(tarballs.get(folder)!);
      const { messages } = await publint({ pkgDir, pack: false, level: 'warning', strict: true });
      expect(messages.map((m) => `${m.code} at ${m.path.join('.')}`)).toEqual([]);
    });

    it('ships the MIT LICENSE', async () => {
      const pkgDir = await extract(tarballs.get(folder)!);
      expect(readFileSync(join(pkgDir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
      expect((JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { license: string }).license).toBe(
        'MIT',
      );
    });

    it('passes are-the-types-wrong for ESM and CJS consumers', async () => {
      const args = [
        attwBin,
        tarballs.get(folder)!,
        '--format',
        'ascii',
        '--profile',
        'node16',
        '--no-emoji',
        '--no-color',
      ];
      const outcome = await run(process.execPath, args, { encoding: 'utf8' }).then(
        () => 'ok',
        (e: Error & { stdout?: string }) => e.stdout ?? e.message,
      );
      expect(outcome).toBe('ok');
    });
  });
});
