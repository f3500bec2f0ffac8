import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'axon-chaos-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  meta: { profile: string; passed: boolean };
  results: Array<{ id: string; figures: Array<{ name: string; value: unknown; ok?: boolean }> }>;
}

// The whole ci profile as a real child process, the way `pnpm chaos` runs it.
function runChaos(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/main.ts',
        '--profile',
        'ci',
        '--out',
        join(dir, 'reliability.md'),
        '--json',
        join(dir, 'run.json'),
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => void (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('pnpm chaos', () => {
  it('runs every scenario of the ci profile with zero loss and exits 0', async () => {
    const { code, output } = await runChaos();
    // The figures that missed first, by name: the output's tail alone may not reach the scenario that failed.
    const json = join(dir, 'run.json');
    const written = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as Run) : undefined;
    const missed = (written?.results ?? []).flatMap((r) =>
      r.figures.filter((f) => f.ok === false).map((f) => `${r.id}: ${f.name} = ${String(f.value)}`),
    );
    expect(missed, output.slice(-2_000)).toEqual([]);
    expect(code, output.slice(-6_000)).toBe(0);
    const run = written!;
    expect(run.meta).toMatchObject({ profile: 'ci', passed: true });
    expect(run.results.map((r) => r.id)).toEqual([
      'agent-kills',
      'runtime-kill',
      'cortex-kill',
      'bad-frames',
      'limits',
      'secrets',
      'escape',
      'access-escapes',
      'backpressure',
      'garbage-cost',
      'long-lived',
    ]);
    // Every scenario checks something: at least one figure with a target.
    for (const r of run.results)
      expect(
        r.figures.some((f) => f.ok === true),
        r.id,
      ).toBe(true);
    const doc = readFileSync(join(dir, 'reliability.md'), 'utf8');
    expect(doc).toContain('profile **ci**');
    expect(doc).toContain('## 6. Secrets');
    expect(doc).toContain('## 7. A hostile agent in a sandbox');
  });
});
