/** One live server in {@link McpPoolStatistics}. */
export interface McpServerStatistics {
  /** Agent id, or `"shared"`. */
  key: string;
  /** `"cortex"` or the extra server's name. */
  server: string;
  /** `stopped | starting | ready | backoff | open | closed`. */
  state: string;
  /** Process id (and process group id) of the live process. */
  pid: number | undefined;
  /** Protocol version agreed in `initialize`. */
  protocolVersion: string | undefined;
  /** Calls being served / waiting for a slot. */
  inFlight: number;
  queued: number;
  /** Restarts after a death or failed start. */
  restarts: number;
  /** Consecutive failures since the last answered call. */
  failures: number;
}

/** What {@link McpServerPool.getStatistics} returns. */
export interface McpPoolStatistics {
  /** Live server processes. */
  servers: number;
  /** Server sets (agents in `per-agent` mode, at most one in `shared` mode). */
  entries: number;
  /** Calls made, and those that ended in an error (of any code). */
  calls: number;
  failures: number;
  /** Calls that ended in `MCP_TIMEOUT` / `MCP_CANCELLED`. */
  timeouts: number;
  cancellations: number;
  /** Restarts of dead servers, over the pool's life. */
  restarts: number;
  /** Latency of the last 4096 calls, in ms. */
  latency: { p50: number; p95: number; samples: number };
  /** Per server. */
  perServer: McpServerStatistics[];
}

const WINDOW = 4096;

/** Call counters and a sliding window of latencies. */
export class CallCounters {
  calls = 0;
  failures = 0;
  timeouts = 0;
  cancellations = 0;
  restartsOfClosed = 0;
  private readonly window = new Float64Array(WINDOW);
  private n = 0;

  /** Records one call's latency in ms. */
  record(ms: number): void {
    this.window[this.n % WINDOW] = ms;
    this.n++;
  }

  /** p50 and p95 of the window (NaN when empty). */
  latency(): { p50: number; p95: number; samples: number } {
    const count = Math.min(this.n, WINDOW);
    if (count === 0) return { p50: Number.NaN, p95: Number.NaN, samples: 0 };
    const sorted = Array.from(this.window.subarray(0, count)).sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(count - 1, Math.max(0, Math.ceil(p * count) - 1))]!;
    return { p50: at(0.5), p95: at(0.95), samples: count };
  }
}
