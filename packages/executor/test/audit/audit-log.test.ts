import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonlAuditLog } from '../../src/audit/audit-log.js';
import type { ToolCallAuditRecord } from '../../src/audit/record.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const rec = (tool: string): ToolCallAuditRecord => ({
  timestamp: new Date(0).toISOString(),
  agentId: 'a',
  taskId: 't',
  tool,
  argsDigest: 'sha256:00',
  durationMs: 1,
  outcome: 'ok',
});

describe('JsonlAuditLog', () => {
  it('appends one JSON object per line, creating the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-audit-'));
    dirs.push(dir);
    const file = join(dir, 'nested', 'audit.jsonl');
    const log = new JsonlAuditLog(file);
    log.append(rec('one'));
    log.append(rec('two'));
    await log.close();
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.tool)).toEqual(['one', 'two']);
    expect(lines[0]).toEqual(rec('one'));
  });
  it('appends to an existing file rather than truncating it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-audit-'));
    dirs.push(dir);
    const file = join(dir, 'audit.jsonl');
    const a = new JsonlAuditLog(file);
    a.append(rec('first'));
    await a.close();
    const b = new JsonlAuditLog(file);
    b.append(rec('second'));
    await b.close();
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(2);
  });

  it('creates the file with mode 0600 whatever the umask, and narrows an existing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-audit-'));
    dirs.push(dir);
    const file = join(dir, 'audit.jsonl');
    const old = process.umask(0);
    try {
      const log = new JsonlAuditLog(file);
      log.append(rec('one'));
      await log.close();
    } finally {
      process.umask(old);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rotates by size, keeps maxFiles rotated files and loses no record in between', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axon-audit-'));
    dirs.push(dir);
    const file = join(dir, 'audit.jsonl');
    const lineBytes = JSON.stringify(rec('t000')).length + 1;
    const log = new JsonlAuditLog(file, { maxBytes: lineBytes * 10, maxFiles: 2 });
    for (let i = 0; i < 35; i++) log.append(rec(`t${String(i).padStart(3, '0')}`));
    await log.close();
    expect(log.rotations).toBe(3);
    expect(existsSync(`${file}.3`)).toBe(false);
    const read = (f: string) =>
      readFileSync(f, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as ToolCallAuditRecord).tool);
    // Newest 25 records, in order, across .2, .1 and the live file; the oldest 10 went with the deleted file.
    const kept = [...read(`${file}.2`), ...read(`${file}.1`), ...read(file)];
    expect(kept).toEqual(Array.from({ length: 25 }, (_, i) => `t${String(i + 10).padStart(3, '0')}`));
    for (const f of [file, `${file}.1`, `${file}.2`]) expect(statSync(f).mode & 0o777).toBe(0o600);
  });
});
