import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axon } from '../helpers/axon.js';

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
    expect(r.stderr.trim()).toMatch(/^axon: USAGE: .*--limit expects an integer, got "lots"/);
  });
});
