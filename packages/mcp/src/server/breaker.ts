/** State of a breaker: `closed` lets work through, `open` refuses it, `half-open` lets one trial through. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Options of a {@link Breaker}. */
export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before a trial, ms; `Infinity` = it stays open for good. */
  cooldown: number;
  /** Clock, ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * A consecutive-failure circuit breaker: the one of Axon, used per MCP server (restarts of a dead server) and per
 * agent type in the runtime's worker pool.
 */
export class Breaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private current: BreakerState = 'closed';
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The state now (an open breaker whose cooldown passed reads as `half-open`). */
  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.cooldown) this.current = 'half-open';
    return this.current;
  }

  /** Consecutive failures counted so far. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Ms until an open breaker allows a trial (0 when not open). */
  get retryInMs(): number {
    return this.state === 'open' ? Math.max(0, this.options.cooldown - (this.now() - this.openedAt)) : 0;
  }

  /** Whether work may start now; in `half-open`, only one trial at a time (the caller must record its outcome). */
  tryAcquire(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** Records a success: closes the breaker. Returns whether the state changed. */
  recordSuccess(): boolean {
    this.failures = 0;
    this.trialInFlight = false;
    const changed = this.current !== 'closed';
    this.current = 'closed';
    return changed;
  }

  /** Opens the breaker now, whatever the count (a failure that would only repeat). Returns whether it opened now. */
  open(): boolean {
    this.trialInFlight = false;
    const opened = this.current !== 'open';
    this.current = 'open';
    this.openedAt = this.now();
    return opened;
  }

  /** Records a failure: opens the breaker at the threshold (or on a failed trial). Returns whether it opened now. */
  recordFailure(): boolean {
    this.failures++;
    const wasTrial = this.trialInFlight;
    this.trialInFlight = false;
    if (this.current === 'open' && !wasTrial) return false;
    if (wasTrial || this.failures >= this.options.failureThreshold) {
      const opened = this.current !== 'open';
      this.current = 'open';
      this.openedAt = this.now();
      return opened || wasTrial;
    }
    return false;
  }
}
