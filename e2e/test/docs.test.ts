import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, run } from './support/pack.js';

const require = createRequire(import.meta.url);

describe('API docs', () => {
  it('typedoc builds the site for every package with zero warnings', async () => {
    const typedocBin = join(dirname(require.resolve('typedoc/package.json', { paths: [repoRoot] })), 'bin', 'typedoc');
    const out = mkdtempSync(join(tmpdir(), 'axon-typedoc-'));
    // typedoc.json sets treatWarningsAsErrors, so any warning fails the build.
    const outcome = await run(process.execPath, [typedocBin, '--out', out], { cwd: repoRoot, encoding: 'utf8' }).then(
      () => 'ok',
      (e: Error & { stdout?: string }) => e.stdout ?? e.message,
    );
    expect(outcome).toBe('ok');
  });
});
