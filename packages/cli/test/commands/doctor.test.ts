import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { axon } from '../helpers/axon.js';

const dir = mkdtempSync(join(tmpdir(), 'axon-cli-doctor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('axon doctor', () => {
  it('reports Node, config, the Cortex it found and why, isolation and limits; exits 0', async () => {
    const r = await axon(['doctor', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      checks: Array<{ check: string; status: string; detail: string }>;
    };
    expect(report.ok).toBe(true);
    const by = Object.fromEntries(report.checks.map((c) => [c.check, c]));
    expect(by.node).toMatchObject({ status: 'ok', detail: expect.stringContaining(process.version) });
    expect(by.config?.detail).toMatch(/no config file/);
    expect(by['sqlite native addon']).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('better-sqlite3 loads'),
    });
    expect(by.cortex).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^(config|env|path|bundled): /) });
    expect(by['cortex discovery']?.detail).toMatch(/\S/);
    expect(by['cortex handshake']).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/4 tools listed|tools listed/),
    });
    for (const check of [
      'process groups',
      'parent-death signal',
      'PID namespace',
      'fd limit',
      'cgroups',
      'sample agents',
    ]) {
      expect(by[check]?.status, check).toMatch(/^(ok|warn)$/);
    }
  });

  it('says which Cortex it chose from AXON_CORTEX_BIN', async () => {
    const { cortexBinPath } = await import('@axon/cortex');
    const r = await axon(['doctor', '--json'], { cwd: dir, env: { AXON_CORTEX_BIN: cortexBinPath } });
    const report = JSON.parse(r.stdout) as { checks: Array<{ check: string; detail: string }> };
    expect(report.checks.find((c) => c.check === 'cortex')?.detail).toBe(`env: ${cortexBinPath}`);
  });

  it('prints a table on a non-JSON run', async () => {
    const r = await axon(['doctor'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^check\s+status\s+detail/);
    expect(r.stdout).toMatch(/all required checks passed/);
  });

  it('fails with exit code 1 when the config is invalid', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"recovery":{"maxRestartAttempts":-1}}');
    const r = await axon(['--config', bad, 'doctor'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^config\s+fail\s+.*recovery\.maxRestartAttempts/m);
    expect(r.stderr.trim()).toMatch(/^axon: DOCTOR_FAILED: config failed/);
  });
});
