import { describe, expect, it } from 'vitest';
import { parseDelegation, withContext } from '../../src/delegation/parse.js';
import { isExecutorError } from '../../src/errors/executor-error.js';

describe('parseDelegation', () => {
  it('returns the validated delegation', () => {
    expect(parseDelegation({ objective: 'x', boundaries: { scope: ['s'], timeout: '5m' } }).boundaries.timeout).toBe(
      300_000,
    );
  });
  it('throws INVALID_DELEGATION naming the field path', () => {
    let caught: unknown;
    try {
      parseDelegation({ objective: 'x', boundaries: { scope: ['a', 7] } });
    } catch (e) {
      caught = e;
    }
    expect(isExecutorError(caught)).toBe(true);
    const err = caught as { code: string; message: string; data: { path: string }; cause: unknown };
    expect(err.code).toBe('INVALID_DELEGATION');
    expect(err.data.path).toBe('boundaries.scope[1]');
    expect(err.message).toContain('boundaries.scope[1]');
    expect(err.cause).toBeInstanceOf(Error);
  });
  it('returns a delegation it produced as is, without validating it again', () => {
    const once = parseDelegation({ objective: 'x', boundaries: { scope: ['s'] } });
    expect(parseDelegation(once)).toBe(once);
    const copy = { ...once };
    expect(parseDelegation(copy)).not.toBe(copy);
  });
  it('names a missing top-level object', () => {
    expect(() => parseDelegation({ objective: 'x' })).toThrow(/boundaries/);
  });
});

describe('withContext', () => {
  it('replaces the context of a parsed delegation without validating it again, leaving the original alone', () => {
    const once = parseDelegation({ objective: 'x', boundaries: { scope: ['s'] }, context: { a: 1 } });
    const pinned = withContext(once, { ...once.context, workspaceId: 'w' });
    expect(pinned).not.toBe(once);
    expect(pinned.context).toEqual({ a: 1, workspaceId: 'w' });
    expect(once.context).toEqual({ a: 1 });
    expect(pinned.taskId).toBe(once.taskId);
    expect(parseDelegation(pinned)).toBe(pinned);
  });
  it('validates an input that was not parsed, naming the bad field', () => {
    const t = withContext({ objective: 'x', boundaries: { scope: ['s'], timeout: '5m' } }, { workspaceId: 'w' });
    expect(t.boundaries.timeout).toBe(300_000);
    expect(t.context).toEqual({ workspaceId: 'w' });
    expect(() => withContext({ objective: '', boundaries: { scope: ['s'] } }, {})).toThrow(/objective/);
  });
});
