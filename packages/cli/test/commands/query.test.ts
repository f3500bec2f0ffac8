import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { axon } from '../helpers/axon.js';

const project = fileURLToPath(new URL('../fixtures/project/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'axon-cli-query-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('axon query', () => {
  it('plans with the LeadAgent, runs the sample agents and prints findings with file and line', async () => {
    const r = await axon(
      ['query', 'review', 'src/session.ts', 'for', 'security', 'issues', '--db', join(dir, 'c.db'), '--workspace', 'q'],
      { cwd: project },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^strategy: code-review/);
    expect(r.stdout).toMatch(/high src\/session\.ts:2 Hard-coded secret/);
    expect(r.stdout).toMatch(/\d+\/\d+ delegation\(s\) succeeded/);
  });

  it('prints the synthesized result with --json', async () => {
    const r = await axon(['query', 'review src/session.ts', '--db', join(dir, 'c.db'), '--json'], { cwd: project });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as {
      strategy: string;
      findings: Array<{ file?: string; line?: number }>;
      quality: { succeeded: number };
      episode: { stored: boolean };
    };
    expect(result.quality.succeeded).toBeGreaterThan(0);
    expect(result.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: 'src/session.ts', line: 2 })]),
    );
    expect(result.episode.stored).toBe(true);
  });

  it('resolves a folder named in the query against the working directory and says true things about it', async () => {
    const cwd = join(dir, 'user-project');
    mkdirSync(join(cwd, 'dist'), { recursive: true });
    writeFileSync(
      join(cwd, 'dist', 'index.cjs'),
      'const importShim = new Function("specifier", "return import(specifier)");\nconst run = eval(source);\n',
    );
    const r = await axon(['query', 'review dist for security issues', '--db', join(dir, 'd.db'), '--json'], { cwd });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as {
      summary: string;
      findings: Array<{ file?: string; line?: number; message: string }>;
    };
    expect(result.summary).toMatch(/Reviewed 1 file\(s\)/);
    // The dynamic-import shim is not an eval; the real eval is, and is not called a JSON.parse job.
    expect(result.findings.filter((f) => f.file === 'dist/index.cjs').map((f) => [f.line, f.message])).toEqual([
      [2, expect.stringMatching(/^eval\(source\) runs code built at run time: call the code directly/)],
    ]);
  });

  it('reports reviewing nothing as a failure (exit 1), not as "no findings, confidence 1.00"', async () => {
    const cwd = join(dir, 'empty-project');
    mkdirSync(join(cwd, 'dist'), { recursive: true });
    const r = await axon(['query', 'review dist for security issues', '--db', join(dir, 'e.db')], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/0\/1 delegation\(s\) succeeded/);
    expect(r.stdout).toMatch(/nothing to review: no source file .* in dist under /);
    expect(r.stdout).not.toMatch(/confidence 1\.00/);
    expect(r.stderr).toMatch(/^axon: TASKS_FAILED: no delegation succeeded .*hint: name a file or folder/m);
  });

  it('exits 2 before starting anything when the query names a path that does not exist', async () => {
    const r = await axon(['query', 'review src/missing.ts', '--db', join(dir, 'f.db')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(
      /^axon: INVALID_ARGUMENT: the query names src\/missing\.ts, which does not exist in /,
    );
  });
});
