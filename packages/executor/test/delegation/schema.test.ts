import { describe, expect, it } from 'vitest';
import { TaskDelegationSchema } from '../../src/delegation/schema.js';

describe('TaskDelegationSchema', () => {
  it('fills defaults and generates a taskId', () => {
    const d = TaskDelegationSchema.parse({ objective: 'x', boundaries: { scope: ['src'] } });
    expect(d.taskId).toMatch(/^[0-9a-f-]{36}$/);
    expect(d.priority).toBe(5);
    expect(d.allowedTools).toEqual([]);
    expect(d.outputFormat).toEqual({ formatType: 'markdown', requiredSections: [], optionalSections: [] });
    expect(d.boundaries).toEqual({ scope: ['src'], constraints: [], maxToolCalls: 50, timeout: 300_000 });
    expect(d.requiredCapabilities).toEqual([]);
    expect(d.context).toEqual({});
  });
  it('generates a different taskId each time', () => {
    const a = TaskDelegationSchema.parse({ objective: 'x', boundaries: { scope: ['s'] } });
    const b = TaskDelegationSchema.parse({ objective: 'x', boundaries: { scope: ['s'] } });
    expect(a.taskId).not.toBe(b.taskId);
  });
  it('keeps a given taskId', () => {
    expect(TaskDelegationSchema.parse({ taskId: 't-1', objective: 'x', boundaries: { scope: ['s'] } }).taskId).toBe(
      't-1',
    );
  });
  it('parses "120s" and ms timeouts to ms', () => {
    expect(
      TaskDelegationSchema.parse({ objective: 'x', boundaries: { scope: ['s'], timeout: '120s' } }).boundaries.timeout,
    ).toBe(120_000);
    expect(
      TaskDelegationSchema.parse({ objective: 'x', boundaries: { scope: ['s'], timeout: 900 } }).boundaries.timeout,
    ).toBe(900);
  });
  it.each([
    [{ objective: 'x', boundaries: { scope: [] } }, 'boundaries.scope'],
    [{ objective: '', boundaries: { scope: ['s'] } }, 'objective'],
    [{ objective: 'x', boundaries: { scope: ['s'], maxToolCalls: 0 } }, 'boundaries.maxToolCalls'],
    [{ objective: 'x', boundaries: { scope: ['s'], timeout: 'soon' } }, 'boundaries.timeout'],
    [{ objective: 'x', boundaries: { scope: ['s'], timeout: 0 } }, 'boundaries.timeout'],
    [{ objective: 'x', priority: 11, boundaries: { scope: ['s'] } }, 'priority'],
    [{ objective: 'x', boundaries: { scope: ['s'] }, allowedTools: ['ok', ''] }, 'allowedTools.1'],
  ])('rejects %j at %s', (input, path) => {
    const r = TaskDelegationSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path.join('.')).toBe(path);
  });
});
