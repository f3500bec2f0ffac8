import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axon, AXON_BIN } from '../helpers/axon.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('axon (usage, help, version, exit codes)', () => {
  it('prints its version with --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await axon([flag]);
      expect([r.code, r.stdout.trim()]).toEqual([0, pkg.version]);
    }
  });

  it('lists every command in --help, with the exit codes', async () => {
    const r = await axon(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['run', 'query', 'cortex', 'doctor', 'config'])
      expect(r.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 1 .* 130 interrupted/);
  });

  it('has --help on subcommands, showing the global --config', async () => {
    const r = await axon(['cortex', 'search', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: axon cortex search \[options\] <query\.\.\.>/);
    expect(r.stdout).toMatch(/--limit <n>/);
  });

  it('answers an unknown command with one USAGE line and exit code 2', async () => {
    const r = await axon(['rn', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^axon: USAGE: unknown command 'rn'.*\(hint: run `axon --help`/),
    ]);
    expect(r.stdout).toBe('');
  });

  it('answers a bad option value with one line naming the option, exit code 2', async () => {
    const r = await axon(['cortex', 'search', 'x', '--limit', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^axon: USAGE: .*--limit expects an integer from 1 to 100, got "lots"/);
  });

  it('names the option and its allowed range for an out-of-range value, exit code 2, without starting Cortex', async () => {
    const r = await axon(['cortex', 'search', 'x', '-n', '1000']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^axon: USAGE: .*--limit must be an integer from 1 to 100, got "1000"/);
  });

  it('stops quietly when the reader of its output goes away (`axon config schema | head -1`)', async () => {
    const child = spawn(process.execPath, [AXON_BIN, 'config', 'schema'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the first write: EPIPE
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });
});
