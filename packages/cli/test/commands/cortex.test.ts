import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { axon } from '../helpers/axon.js';

const dir = mkdtempSync(join(tmpdir(), 'axon-cli-cortex-'));
const db = join(dir, 'cortex.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('axon cortex (real Cortex through @axon/mcp)', () => {
  let id = '';

  it('stores a memory and says when it was deduplicated', async () => {
    const first = await axon([
      'cortex',
      'store',
      'The',
      'deploy',
      'key',
      'rotates',
      'monthly',
      '--tag',
      'ops',
      '--workspace',
      'cli',
      '--db',
      db,
      '--json',
    ]);
    expect(first.code).toBe(0);
    id = (JSON.parse(first.stdout) as { id: string }).id;
    expect(id).toMatch(/\S/);
    const again = await axon([
      'cortex',
      'store',
      'The deploy key rotates monthly',
      '--tag',
      'ops',
      '--workspace',
      'cli',
      '--db',
      db,
    ]);
    expect([again.code, again.stdout.trim()]).toEqual([0, `already stored as ${id} (deduplicated)`]);
  });

  it('reads the content from stdin with "-"', async () => {
    const r = await axon(['cortex', 'store', '-', '--workspace', 'cli', '--db', db], {
      input: 'Backups run nightly at two\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^stored \S+/);
  });

  it('searches, as a table and as JSON', async () => {
    const table = await axon(['cortex', 'search', 'deploy', 'key', '--workspace', 'cli', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^score\s+id\s+kind\s+snippet/);
    expect(table.stdout).toContain(id);
    const json = await axon(['cortex', 'search', 'backups', '--workspace', 'cli', '--db', db, '--json']);
    expect((JSON.parse(json.stdout) as { results: Array<{ snippet: string }> }).results[0]?.snippet).toMatch(/Backups/);
  });

  it('says so when nothing matches', async () => {
    const r = await axon(['cortex', 'search', 'zebra', '--db', db]);
    expect([r.code, r.stdout.trim()]).toEqual([0, 'no memories found']);
  });

  it('retrieves a memory by id', async () => {
    const r = await axon(['cortex', 'retrieve', id, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The deploy key rotates monthly');
    expect(r.stdout).toMatch(/\[ops\]/);
  });

  it('fails with one CORTEX_ERROR line and exit code 1 for an unknown id', async () => {
    const r = await axon(['cortex', 'retrieve', 'mem_nope', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^axon: CORTEX_ERROR: cortex_retrieve failed: .*mem_nope.*\(hint: /);
  });

  it('consolidates, with --dry-run changing nothing', async () => {
    const dry = await axon(['cortex', 'consolidate', '--dry-run', '--db', db, '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, merged: expect.any(Number) });
    const real = await axon(['cortex', 'consolidate', '--db', db]);
    expect(real.stdout).toMatch(/^merged \d+, archived \d+, decayed \d+/);
  });

  it('fails with exit code 4 and a hint when Cortex cannot start', async () => {
    const r = await axon(['cortex', 'search', 'x', '--db', db], {
      env: { AXON_MCP_CORTEX_ARGS: '["no-such-subcommand"]' },
    });
    expect(r.code).toBe(4);
    expect(r.stderr.trim()).toMatch(/^axon: MCP_START_FAILED: .*\(hint: run `axon doctor`/);
  });
});
