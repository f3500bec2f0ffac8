import type { RuntimeEvent } from '@axon/core';
import { percentile } from '@axon/executor/internals';

/** What the restart check found. */
export interface RestartCheck {
  scheduled: number;
  restarted: number;
  /** One sentence per restart that broke the policy. */
  violations: string[];
  /** How much later than scheduled restarts happened, ms. */
  latenessP50: number;
  latenessMax: number;
}

/**
 * Checks every `recovery.restart-scheduled` against the backoff policy (attempt within `maxRestartAttempts`, delay
 * within ±20 % of `min(base · 2^(attempt-1), max)`) and that the restart did not come before its delay.
 */
export function checkRestarts(
  events: readonly RuntimeEvent[],
  policy: { restartBackoffBase: number; restartBackoffMax: number; maxRestartAttempts: number },
): RestartCheck {
  const violations: string[] = [];
  const pending = new Map<string, { at: number; delayMs: number }>();
  const lateness: number[] = [];
  let scheduled = 0;
  let restarted = 0;
  for (const e of events) {
    if (e.type === 'recovery.restart-scheduled') {
      scheduled++;
      const nominal = Math.min(policy.restartBackoffMax, policy.restartBackoffBase * 2 ** (e.attempt - 1));
      if (e.attempt > policy.maxRestartAttempts)
        violations.push(`${e.agentId}: restart attempt ${e.attempt} > maxRestartAttempts ${policy.maxRestartAttempts}`);
      if (e.delayMs < nominal * 0.8 - 1 || e.delayMs > nominal * 1.2 + 1)
        violations.push(`${e.agentId}: attempt ${e.attempt} delay ${e.delayMs} ms outside ${nominal} ms ± 20 %`);
      pending.set(e.agentId, { at: e.timestamp, delayMs: e.delayMs });
    } else if (e.type === 'recovery.restarted') {
      restarted++;
      const s = pending.get(e.agentId);
      if (!s) continue;
      pending.delete(e.agentId);
      const waited = e.timestamp - s.at;
      // Timer resolution: allow 2 ms early.
      if (waited < s.delayMs - 2)
        violations.push(`${e.agentId}: restarted after ${waited} ms, before its ${s.delayMs} ms delay`);
      lateness.push(Math.max(0, waited - s.delayMs));
    }
  }
  return {
    scheduled,
    restarted,
    violations,
    latenessP50: percentile(lateness, 50) || 0,
    latenessMax: lateness.length ? Math.max(...lateness) : 0,
  };
}
