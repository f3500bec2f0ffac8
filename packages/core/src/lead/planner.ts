import type { TaskDelegationInput } from '@axon/executor';
import type { ComplexityEstimate } from './complexity.js';

/** What a planner is given. */
export interface PlanRequest {
  /** The user's query. */
  query: string;
  /** Workspace the query is about (passed to agents and to Cortex). */
  workspaceId: string;
  /** Session the query belongs to. */
  sessionId: string;
  /** The complexity estimate of the query. */
  complexity: ComplexityEstimate;
  /** Prior knowledge found in Cortex (episodes, findings), if any. */
  memories?: unknown[];
}

/** A plan: which strategy, and the delegations that carry it out in parallel. */
export interface Plan {
  /** Name of the strategy used (e.g. `code-review`). */
  strategy: string;
  /** Why this strategy and this many delegations. */
  rationale: string;
  /** The delegations, each for one worker. */
  delegations: TaskDelegationInput[];
}

/** Turns a query into delegations. Replace the default {@link StrategyPlanner} to plan differently (e.g. with an LLM). */
export interface Planner {
  /** Plans the delegations for one query. */
  plan(request: PlanRequest): Plan | Promise<Plan>;
}
