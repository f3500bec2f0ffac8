import { describe, expect, it } from 'vitest';
import { shouldRetry } from '../../src/recovery/retry-policy.js';

describe('shouldRetry', () => {
  it('retries listed codes until the attempts are used up', () => {
    const p = { maxAttempts: 3, retryOn: ['AGENT_CRASHED', 'TIMEOUT'] };
    expect(shouldRetry(p, 'AGENT_CRASHED', 1)).toBe(true);
    expect(shouldRetry(p, 'TIMEOUT', 2)).toBe(true);
    expect(shouldRetry(p, 'TIMEOUT', 3)).toBe(false);
    expect(shouldRetry(p, 'TOOL_NOT_ALLOWED', 1)).toBe(false);
  });
});
