import { describe, expect, it } from 'vitest';
import { parseExecutorConfig } from '../../src/executor/config.js';

describe('parseExecutorConfig', () => {
  it('fills the seed defaults', () => {
    expect(parseExecutorConfig(undefined)).toEqual({
      maxToolCallsPerTask: 50,
      maxTaskDuration: 300_000,
      cancelGracePeriod: 2_000,
      stopAfterCancel: 'if-unresponsive',
      terminateGracePeriod: 1_000,
      toolPolicy: {},
      maxCheckpoints: 1_000,
      stderrTailLines: 20,
      auditMaxBytes: 10 * 1024 * 1024,
      auditMaxFiles: 5,
      maxRefusedToolCalls: 20,
      maxArgumentDepth: 64,
      maxCheckpointBytes: 1024 * 1024,
      maxCheckpointDepth: 64,
    });
  });
  it('accepts "30s"-style durations', () => {
    expect(parseExecutorConfig({ maxTaskDuration: '5m', cancelGracePeriod: '500ms' })).toMatchObject({
      maxTaskDuration: 300_000,
      cancelGracePeriod: 500,
    });
  });
  it('throws INVALID_CONFIG naming the field', () => {
    expect(() => parseExecutorConfig({ maxToolCallsPerTask: 0 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        data: expect.objectContaining({ path: 'maxToolCallsPerTask' }),
      }),
    );
    expect(() => parseExecutorConfig({ toolPolicy: { deny: [''] } })).toThrow(/toolPolicy\.deny\.0/);
    expect(() => parseExecutorConfig({ maxTaskDuration: 'forever' })).toThrow(/maxTaskDuration/);
  });
});
