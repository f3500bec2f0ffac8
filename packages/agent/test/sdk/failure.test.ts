import { describe, expect, it } from 'vitest';
import { AapErrorCode, isAgentError, RpcError, runAgent, TaskFailureDataSchema } from '../../src/index.js';
import { taskFailure } from '../../src/sdk/failure.js';

describe('taskFailure', () => {
  it('maps a thrown Error to TASK_FAILED data with name, message and its own code', () => {
    const e = Object.assign(new RangeError('too far'), { code: 'E_RANGE', data: { max: 3 } });
    const f = taskFailure('t1', e);
    expect(f.rpcCode).toBe(AapErrorCode.TASK_FAILED);
    expect(f.data).toMatchObject({
      code: 'TASK_FAILED',
      name: 'RangeError',
      message: 'too far',
      errorCode: 'E_RANGE',
      data: { max: 3 },
    });
    expect(TaskFailureDataSchema.safeParse(f.data).success).toBe(true);
  });

  it('maps a thrown non-Error value', () => {
    expect(taskFailure('t1', 'just a string').data).toEqual({
      code: 'TASK_FAILED',
      name: 'Error',
      message: 'just a string',
    });
  });

  it('keeps the code name of an RpcError (e.g. a refused tool call)', () => {
    const f = taskFailure(
      't1',
      new RpcError(AapErrorCode.TOOL_BUDGET_EXCEEDED, 'budget', { code: 'TOOL_BUDGET_EXCEEDED' }),
    );
    expect(f.data).toMatchObject({ errorCode: 'TOOL_BUDGET_EXCEEDED' });
  });
});

describe('runAgent options', () => {
  it('rejects bad options naming the field', () => {
    const bad = () => runAgent({ capabilities: 'x' as unknown as string[], execute: () => null });
    expect(bad).toThrow(/capabilities/);
    try {
      bad();
    } catch (e) {
      expect(isAgentError(e) && e.code).toBe('INVALID_ARGUMENT');
      expect(isAgentError(e) && e.data?.field).toBe('capabilities');
    }
  });
});
