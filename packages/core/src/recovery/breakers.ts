import { Breaker, type BreakerOptions, type BreakerState } from '@axon/mcp';

/** One {@link Breaker} per agent type, created on first use with the same options. */
export class BreakerRegistry {
  private readonly byType = new Map<string, Breaker>();

  constructor(private readonly options: BreakerOptions) {}

  /** The breaker of `type`. */
  get(type: string): Breaker {
    let b = this.byType.get(type);
    if (!b) this.byType.set(type, (b = new Breaker(this.options)));
    return b;
  }

  /** Every type's breaker state. */
  states(): Record<string, BreakerState> {
    const out: Record<string, BreakerState> = {};
    for (const [type, b] of this.byType) out[type] = b.state;
    return out;
  }
}
