import { describe, expect, it } from 'vitest';
import { ExecutorError, isExecutorError } from '../../src/errors/executor-error.js';

describe('ExecutorError', () => {
  it('carries code, data, cause, agent and task ids', () => {
    const cause = new Error('root');
    const e = new ExecutorError('TIMEOUT', 'late', { cause, data: { timeoutMs: 5 }, agentId: 'a', taskId: 't' });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ExecutorError');
    expect(e.code).toBe('TIMEOUT');
    expect(e.cause).toBe(cause);
    expect(e.data).toEqual({ timeoutMs: 5 });
    expect(e.agentId).toBe('a');
    expect(e.taskId).toBe('t');
  });
  it('is recognised by isExecutorError across bundles through a global symbol brand', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('axon.error')]: 'ExecutorError', code: 'TIMEOUT' });
    expect(isExecutorError(new ExecutorError('CANCELLED', 'x'))).toBe(true);
    expect(isExecutorError(foreign)).toBe(true);
    expect(isExecutorError(new Error('x'))).toBe(false);
    expect(isExecutorError(null)).toBe(false);
  });
});
