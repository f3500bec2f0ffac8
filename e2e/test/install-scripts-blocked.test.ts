import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packAll, run } from './support/pack.js';
import { runScript, scratchInstall } from './support/scratch.js';

// `npm install --ignore-scripts` (like pnpm 10's default, or an npm script policy) leaves better-sqlite3 without
// its native addon. Cortex and `axon doctor` must say exactly what to allow.
describe('installing with install scripts blocked', () => {
  it('Cortex fails with NATIVE_BINDING_MISSING naming what to allow, and `axon doctor` fails its sqlite check', async () => {
    const tarballs = await packAll();
    const dir = await scratchInstall([...tarballs.values()], ['--ignore-scripts']);
    const out = await runScript(
      dir,
      'open.mjs',
      `
import { CortexStore } from '@axon/cortex';
try {
  new CortexStore({ path: new URL('./memories.db', import.meta.url).pathname });
  console.log(JSON.stringify({ opened: true }));
} catch (error) {
  console.log(JSON.stringify({ code: error.code, message: error.message }));
}
`,
    );
    const result = JSON.parse(out) as { code?: string; message?: string };
    expect(result.code).toBe('NATIVE_BINDING_MISSING');
    expect(result.message).toMatch(/onlyBuiltDependencies/);
    expect(result.message).toMatch(/npm rebuild better-sqlite3/);

    const home = mkdtempSync(join(tmpdir(), 'axon-home-'));
    const doctor = await run(
      process.execPath,
      [join(dir, 'node_modules', '@axon', 'cli', 'dist', 'cli.js'), 'doctor', '--json'],
      {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: home },
        encoding: 'utf8',
        timeout: 120_000,
      },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: Error & { code?: number; stdout?: string }) => ({ code: e.code, stdout: e.stdout ?? '' }),
    );
    expect(doctor.code).toBe(1);
    const report = JSON.parse(doctor.stdout) as {
      ok: boolean;
      checks: Array<{ check: string; status: string; detail: string }>;
    };
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.check === 'sqlite native addon')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/onlyBuiltDependencies.*npm rebuild better-sqlite3/),
    });
  });
});
