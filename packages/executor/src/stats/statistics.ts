import { percentile } from './percentile.js';

/** Aggregate figures over every task the executor has finished. */
export interface ExecutorStatistics {
  /** Tasks finished (successful or not). */
  totalTasks: number;
  /** Tasks that succeeded. */
  successfulTasks: number;
  /** Tasks that failed, including timed-out ones. */
  failedTasks: number;
  /** Tasks that failed with `TIMEOUT`. */
  timedOutTasks: number;
  /** Tool calls made by all tasks (served, refused or failed). */
  totalToolCalls: number;
  /** Mean execution time, ms. */
  avgExecutionTimeMs: number;
  /** Median execution time, ms (over the last {@link DURATION_WINDOW} tasks). */
  p50ExecutionTimeMs: number;
  /** 95th-percentile execution time, ms (over the last {@link DURATION_WINDOW} tasks). */
  p95ExecutionTimeMs: number;
  /** Sum of execution times, ms. */
  totalExecutionTimeMs: number;
}

/** How many recent durations the percentiles are computed over. */
export const DURATION_WINDOW = 10_000;

/** One finished task, as statistics see it. */
export interface TaskOutcome {
  /** Whether the task succeeded. */
  success: boolean;
  /** Whether it failed by timeout. */
  timedOut: boolean;
  /** Tool calls it made. */
  toolCalls: number;
  /** Its execution time, ms. */
  durationMs: number;
}

/** Accumulates {@link TaskOutcome}s into {@link ExecutorStatistics}. */
export class StatisticsCollector {
  #total = 0;
  #ok = 0;
  #timedOut = 0;
  #toolCalls = 0;
  #totalMs = 0;
  // Ring buffer of the last DURATION_WINDOW durations (an array shift per task would be O(window)).
  readonly #recent = new Float64Array(DURATION_WINDOW);
  #recentCount = 0;
  #recentNext = 0;

  /** Adds one finished task. */
  record(o: TaskOutcome): void {
    this.#total += 1;
    if (o.success) this.#ok += 1;
    if (o.timedOut) this.#timedOut += 1;
    this.#toolCalls += o.toolCalls;
    this.#totalMs += o.durationMs;
    this.#recent[this.#recentNext] = o.durationMs;
    this.#recentNext = (this.#recentNext + 1) % DURATION_WINDOW;
    this.#recentCount = Math.min(this.#recentCount + 1, DURATION_WINDOW);
  }

  /** The figures so far. */
  snapshot(): ExecutorStatistics {
    const recent = Array.from(this.#recent.subarray(0, this.#recentCount));
    return {
      totalTasks: this.#total,
      successfulTasks: this.#ok,
      failedTasks: this.#total - this.#ok,
      timedOutTasks: this.#timedOut,
      totalToolCalls: this.#toolCalls,
      avgExecutionTimeMs: this.#total === 0 ? 0 : this.#totalMs / this.#total,
      p50ExecutionTimeMs: percentile(recent, 50),
      p95ExecutionTimeMs: percentile(recent, 95),
      totalExecutionTimeMs: this.#totalMs,
    };
  }
}
