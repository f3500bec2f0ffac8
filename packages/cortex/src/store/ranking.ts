/** Weights and clocks of the search ranking; see docs/cortex.md "Ranking". */
export const RANKING = {
  /** Weight of text relevance (bm25, normalised to the best hit of the query). */
  relevance: 0.6,
  /** Weight of importance (0..1). */
  importance: 0.25,
  /** Weight of recency (0..1). */
  recency: 0.15,
  /** Days after which recency has halved. */
  recencyHalfLifeDays: 30,
  /** bm25 candidates re-ranked per requested result (at least 50). */
  candidatesPerResult: 5,
} as const;

const DAY_MS = 86_400_000;

/** 1 for now, 0.5 after one half-life, tending to 0; future times count as now. */
export function recencyOf(lastUsedMs: number, nowMs: number): number {
  const days = Math.max(0, nowMs - lastUsedMs) / DAY_MS;
  return Math.pow(0.5, days / RANKING.recencyHalfLifeDays);
}

/**
 * Final score in 0..1. `bm25` is FTS5's value (more negative = more relevant); `bestBm25` is the best of this
 * query's candidates, so relevance is relative to the best textual match.
 */
export function scoreOf(input: {
  bm25: number;
  bestBm25: number;
  importance: number;
  lastUsedMs: number;
  nowMs: number;
}): number {
  const relevance = input.bestBm25 < 0 ? Math.min(1, input.bm25 / input.bestBm25) : 1;
  return (
    RANKING.relevance * relevance +
    RANKING.importance * input.importance +
    RANKING.recency * recencyOf(input.lastUsedMs, input.nowMs)
  );
}
