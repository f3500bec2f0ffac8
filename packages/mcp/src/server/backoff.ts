/** Options of {@link backoffDelay}. */
export interface BackoffOptions {
  /** Delay of the first attempt, ms. */
  base: number;
  /** Upper bound of any delay, ms. */
  max: number;
  /** Relative jitter: the delay is multiplied by a factor in `[1 - jitter, 1 + jitter]`. Default 0.2. */
  jitter?: number;
  /** Source of randomness in `[0, 1)`. Default `Math.random`. */
  random?: () => number;
}

/**
 * Delay before restart attempt `attempt` (1-based): `base * 2^(attempt-1)`, capped at `max`, with jitter so that
 * processes that failed together do not restart together. The one backoff of Axon: MCP servers and agents alike.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const jitter = options.jitter ?? 0.2;
  const random = options.random ?? Math.random;
  const exp = Math.min(options.max, options.base * 2 ** Math.max(0, attempt - 1));
  return Math.max(0, Math.round(exp * (1 + jitter * (2 * random() - 1))));
}
