/** Exponential backoff with ±50 % jitter: `base * 2^(attempt-1)`, capped at `max`, in ms. */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number = Math.random): number {
  const exp = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.5 + random()));
}
