/** When a failed task is tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first run included (1 = never retry). */
  maxAttempts: number;
  /** Error codes that make a task retryable (e.g. `AGENT_CRASHED`, `TIMEOUT`). */
  retryOn: readonly string[];
}

/** Whether a task that failed with `code` on attempt `attempt` (1-based) should run again. */
export function shouldRetry(policy: RetryPolicy, code: string, attempt: number): boolean {
  return attempt < policy.maxAttempts && policy.retryOn.includes(code);
}
