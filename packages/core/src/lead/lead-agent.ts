import { estimateComplexity, type ComplexityEstimate } from './complexity.js';
import type { Plan, Planner } from './planner.js';
import { StrategyPlanner } from './strategy-planner.js';
import { synthesize, type DelegationOutcome, type SynthesizedResult } from './synthesizer.js';

/** Options of a {@link LeadAgent}. */
export interface LeadAgentOptions {
  /** Plans delegations. Default a {@link StrategyPlanner} on the built-in strategy library. */
  planner?: Planner;
  /** Estimates complexity. Default {@link estimateComplexity}. */
  estimate?: (query: string) => ComplexityEstimate;
  /** Name used as the author of stored episodes. Default `"lead-agent"`. */
  name?: string;
}

/**
 * The lead agent's thinking, without processes: estimate a query's complexity, plan delegations, synthesize
 * results. {@link LeadAgentWithRuntime} runs the plan on an `AgentRuntime`.
 */
export class LeadAgent {
  /** Author name of stored episodes. */
  readonly name: string;
  private readonly planner: Planner;
  private readonly estimator: (query: string) => ComplexityEstimate;

  constructor(options: LeadAgentOptions = {}) {
    this.planner = options.planner ?? new StrategyPlanner();
    this.estimator = options.estimate ?? estimateComplexity;
    this.name = options.name ?? 'lead-agent';
  }

  /** Estimates a query's complexity. */
  estimate(query: string): ComplexityEstimate {
    return this.estimator(query);
  }

  /** Plans the delegations of a query. */
  async plan(request: {
    query: string;
    workspaceId: string;
    sessionId: string;
    complexity?: ComplexityEstimate;
    memories?: unknown[];
  }): Promise<Plan> {
    const complexity = request.complexity ?? this.estimate(request.query);
    return this.planner.plan({ ...request, complexity });
  }

  /** Puts the workers' outcomes together; `elapsedMs` is the measured wall-clock time of the delegations, ms. */
  synthesize(query: string, plan: Plan, outcomes: DelegationOutcome[], elapsedMs?: number): SynthesizedResult {
    return synthesize({ query, strategy: plan.strategy, outcomes, ...(elapsedMs !== undefined && { elapsedMs }) });
  }
}
