import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { axon } from '../helpers/axon.js';

const dir = mkdtempSync(join(tmpdir(), 'axon-cli-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('axon config', () => {
  it('init writes a YAML file with every section that validate accepts, and refuses to overwrite it', async () => {
    const init = await axon(['config', 'init'], { cwd: dir });
    expect(init.code).toBe(0);
    const text = readFileSync(join(dir, 'axon.config.yaml'), 'utf8');
    expect(text).toMatch(/yaml-language-server: \$schema=/);
    for (const section of ['process:', 'resources:', 'mcp:', 'monitoring:', 'recovery:'])
      expect(text).toContain(`\n${section}`);
    const validate = await axon(['config', 'validate'], { cwd: dir });
    expect([validate.code, validate.stdout.trim()]).toEqual([0, `valid: ${join(dir, 'axon.config.yaml')}`]);
    const again = await axon(['config', 'init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists \(hint: pass --force/);
  });

  it('init --format json writes JSON with a $schema', async () => {
    const r = await axon(['config', 'init', 'custom.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'custom.json'), 'utf8'))).toMatchObject({
      $schema: expect.stringContaining('axon.config.schema.json'),
      process: { maxConcurrentProcesses: 10 },
    });
  });

  it('validate names the bad field with one INVALID_CONFIG line and exit code 3', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'process:\n  maxConcurrentProcesses: lots\n');
    const r = await axon(['config', 'validate', bad]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^axon: INVALID_CONFIG: .*process\.maxConcurrentProcesses.*\(hint: /),
    ]);
  });

  it('validate --json prints the effective config with AXON_* variables applied', async () => {
    const r = await axon(['--config', join(dir, 'custom.json'), 'config', 'validate', '--json'], {
      env: { AXON_RECOVERY_MAX_RESTART_ATTEMPTS: '7' },
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ recovery: { maxRestartAttempts: 7 } });
  });

  it('validate --print and --json redact environment values and secret-named keys', async () => {
    const file = join(dir, 'secrets.yaml');
    writeFileSync(
      file,
      'mcp:\n  cortexEnv:\n    CORTEX_DB: /tmp/file-db-s3cr3t\n  servers:\n    gh:\n      command: gh-mcp\n      env:\n        GH_TOKEN: ghp_s3cr3t\n',
    );
    const env = { AXON_PROCESS_ENVIRONMENT: '{"API_TOKEN":"tok-s3cr3t","NODE_ENV":"production"}' };
    for (const flag of ['--print', '--json']) {
      const r = await axon(['config', 'validate', file, flag], { env });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('s3cr3t');
      expect(r.stdout).toContain('API_TOKEN');
      expect(r.stdout).toContain('GH_TOKEN');
      expect(r.stdout).toContain('<redacted>');
      expect(r.stdout).toContain('gh-mcp');
    }
  });

  it('does not print a malformed AXON_PROCESS_ENVIRONMENT, which may hold a token', async () => {
    const r = await axon(['config', 'validate'], {
      cwd: dir,
      env: { AXON_PROCESS_ENVIRONMENT: '{"API_TOKEN":"tok-s3cr3t", oops' },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('AXON_PROCESS_ENVIRONMENT');
    expect(r.stderr).toContain('not valid JSON');
    expect(r.stderr + r.stdout).not.toContain('s3cr3t');
  });

  it('schema prints the JSON Schema of the config file', async () => {
    const r = await axon(['config', 'schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { $id: string; properties: Record<string, unknown> };
    expect(schema.$id).toMatch(/axon\.config\.schema\.json$/);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['process', 'resources', 'mcp', 'monitoring', 'recovery']),
    );
  });
});
