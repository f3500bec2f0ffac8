import { describe, expect, it } from 'vitest';
import { RUNTIME_ERROR_CODES } from '../../src/errors/codes.js';
import { RuntimeError, isRuntimeError, toRuntimeError } from '../../src/errors/runtime-error.js';

class ProcessError extends Error {
  override name = 'ProcessError';
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode?: number,
  ) {
    super(message);
  }
}

describe('RuntimeError', () => {
  it('carries a code, data, layer and cause', () => {
    const cause = new Error('low');
    const e = new RuntimeError('NOT_STARTED', 'call start() first', { cause, data: { op: 'spawnAgent' } });
    expect(e.code).toBe('NOT_STARTED');
    expect(e.cause).toBe(cause);
    expect(e.data).toEqual({ op: 'spawnAgent' });
    expect(e.layer).toBe('core');
    expect(isRuntimeError(e)).toBe(true);
    expect(isRuntimeError(new Error('x'))).toBe(false);
  });

  it('re-exports the codes of the layers below', () => {
    for (const code of ['SPAWN_FAILED', 'MCP_UNAVAILABLE', 'TOOL_BUDGET_EXCEEDED', 'INVALID_CONFIG', 'AGENT_CRASHED']) {
      expect(RUNTIME_ERROR_CODES).toContain(code);
    }
  });

  it('converts a lower-layer error keeping its code, fields and cause', () => {
    const low = new ProcessError('AGENT_CRASHED', 'agent a1 exited with 3', 3);
    const e = toRuntimeError(low);
    expect(e).toBeInstanceOf(RuntimeError);
    expect(e.code).toBe('AGENT_CRASHED');
    expect(e.layer).toBe('process');
    expect(e.cause).toBe(low);
    expect(e.data.exitCode).toBe(3);
    expect(e.message).toBe('agent a1 exited with 3');
  });

  it('reads wire errors whose string code is in data.code, and falls back for unknown codes', () => {
    expect(toRuntimeError({ message: 'x', data: { code: 'TOOL_NOT_ALLOWED' } }).code).toBe('TOOL_NOT_ALLOWED');
    const odd = toRuntimeError(new ProcessError('WEIRD', 'odd'), 'TASK_FAILED');
    expect(odd.code).toBe('TASK_FAILED');
    expect(odd.data.originalCode).toBe('WEIRD');
    const same = new RuntimeError('INTERNAL', 'x');
    expect(toRuntimeError(same)).toBe(same);
  });
});
