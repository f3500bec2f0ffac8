import type { TaskDelegationInput } from '@axon/executor';
import { extractPaths } from './complexity.js';
import type { Plan, PlanRequest, Planner } from './planner.js';
import { BUILTIN_STRATEGIES, type Strategy } from './strategies.js';

/** Options of a {@link StrategyPlanner}. */
export interface StrategyPlannerOptions {
  /** The strategy library, best match wins; the last one is the fallback. Default {@link BUILTIN_STRATEGIES}. */
  strategies?: readonly Strategy[];
  /** Most delegations in one plan. Default 5. */
  maxDelegations?: number;
}

/** Scores how well a strategy fits a query: the number of its keywords found. */
export function scoreStrategy(strategy: Strategy, query: string): number {
  return query.match(strategy.keywords)?.length ?? 0;
}

/**
 * The default planner: picks the strategy whose keywords best match the query (ties go to the earlier, more
 * specific strategy; no match falls back to the last, research), then takes as many of its facets as the
 * complexity estimate suggests, one delegation each.
 */
export class StrategyPlanner implements Planner {
  private readonly strategies: readonly Strategy[];
  private readonly maxDelegations: number;

  constructor(options: StrategyPlannerOptions = {}) {
    this.strategies = options.strategies ?? BUILTIN_STRATEGIES;
    if (this.strategies.length === 0) throw new TypeError('StrategyPlanner needs at least one strategy');
    this.maxDelegations = options.maxDelegations ?? 5;
  }

  /** The strategy chosen for a query. */
  choose(query: string): { strategy: Strategy; score: number } {
    let best = this.strategies[this.strategies.length - 1]!;
    let bestScore = 0;
    for (const s of this.strategies) {
      const score = scoreStrategy(s, query);
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    }
    return { strategy: best, score: bestScore };
  }

  plan(request: PlanRequest): Plan {
    const { strategy, score } = this.choose(request.query);
    const n = Math.max(1, Math.min(this.maxDelegations, strategy.facets.length, request.complexity.suggestedWorkers));
    const paths = extractPaths(request.query);
    const scope = paths.length > 0 ? paths : [`workspace:${request.workspaceId}`];
    const delegations: TaskDelegationInput[] = strategy.facets.slice(0, n).map((facet) => ({
      objective: facet.objective.replace('{query}', request.query),
      outputFormat: { formatType: 'markdown', requiredSections: strategy.requiredSections, optionalSections: [] },
      boundaries: { scope, constraints: [], maxToolCalls: strategy.maxToolCalls, timeout: strategy.timeoutMs },
      priority: strategy.priority,
      requiredCapabilities: facet.capabilities,
      context: {
        query: request.query,
        workspaceId: request.workspaceId,
        sessionId: request.sessionId,
        strategy: strategy.name,
        facet: facet.name,
        ...(request.memories && request.memories.length > 0 ? { memories: request.memories } : {}),
      },
    }));
    const why = score > 0 ? `${score} keyword match(es)` : 'no specific match, fallback';
    return {
      strategy: strategy.name,
      rationale: `${strategy.name} (${why}); ${request.complexity.level} query → ${n} delegation(s): ${strategy.facets
        .slice(0, n)
        .map((f) => f.name)
        .join(', ')}`,
      delegations,
    };
  }
}
