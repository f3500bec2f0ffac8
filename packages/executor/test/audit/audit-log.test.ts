import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
});
