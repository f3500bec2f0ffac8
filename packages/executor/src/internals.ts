/**
 * `@axon/executor/internals`: building blocks of `AgentExecutor` for advanced use (statistics, the sliding window,
 * the tool policy, audit digests). **Unstable**: may change in any minor release; `@axon/executor` is the stable API.
 */

export { StatisticsCollector, DURATION_WINDOW } from './stats/statistics.js';
export type { TaskOutcome } from './stats/statistics.js';
export { percentile } from './stats/percentile.js';
export { digestArguments } from './audit/digest.js';
export { runSlidingWindow } from './parallel/sliding-window.js';
export type { SlidingWindowOptions } from './parallel/sliding-window.js';
export { isToolAllowed } from './executor/tool-policy.js';
export type { ToolAccess } from './executor/tool-policy.js';
