import { mkdtempSync, rmSync } from 'node:fs';
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
});
