import type { TaskDelegationInput, TaskResult } from '@axon/executor';
import { RuntimeError, toRuntimeError } from '../errors/runtime-error.js';
import type { ComplexityEstimate } from './complexity.js';
import type { LeadAgent } from './lead-agent.js';
import type { Plan } from './planner.js';
import type { DelegationOutcome, SynthesizedResult } from './synthesizer.js';

/** The parts of `AgentRuntime` a lead agent uses (any object with them works). */
export interface LeadRuntime {
  submit(delegation: TaskDelegationInput, options?: { signal?: AbortSignal }): Promise<TaskResult>;
  callTool(
    name: string,
    args?: Record<string, unknown>,
    options?: { timeout?: number; signal?: AbortSignal },
  ): Promise<{ structuredContent?: unknown; isError: boolean; content: unknown[] }>;
}

/** What {@link LeadAgentWithRuntime.handleQuery} returns: the synthesized answer plus how it was made. */
export interface QueryResult extends SynthesizedResult {
  /** Workspace and session of the query. */
  workspaceId: string;
  sessionId: string;
  /** The complexity estimate. */
  complexity: ComplexityEstimate;
  /** The plan's rationale. */
  rationale: string;
  /** Memories found in Cortex and handed to the workers. */
  memoriesUsed: number;
  /** Id of the episode stored in Cortex, or the reason it was not stored. */
  episode: { stored: true; id: string } | { stored: false; reason: string };
}

/** Options of one query. */
export interface HandleQueryOptions {
  /** Cancels every delegation of the query. */
  signal?: AbortSignal;
  /** Search Cortex for prior episodes of the workspace before planning. Default true. */
  recall?: boolean;
}

const RECALL_LIMIT = 5;

/**
 * A {@link LeadAgent} driving an `AgentRuntime`: recall prior episodes from Cortex, estimate, plan, run every
 * delegation through `runtime.submit` in parallel, synthesize, and store the episode in Cortex. A Cortex failure
 * never fails a query whose work completed.
 */
export class LeadAgentWithRuntime {
  constructor(
    readonly lead: LeadAgent,
    readonly runtime: LeadRuntime,
  ) {}

  /** Answers one query end to end. Rejects only when nothing could be planned (`INVALID_ARGUMENT`). */
  async handleQuery(
    query: string,
    workspaceId: string,
    sessionId: string,
    options: HandleQueryOptions = {},
  ): Promise<QueryResult> {
    if (typeof query !== 'string' || query.trim() === '')
      throw new RuntimeError('INVALID_ARGUMENT', 'handleQuery: query must be a non-empty string', {
        data: { path: 'query' },
      });
    const complexity = this.lead.estimate(query);
    const memories = options.recall === false ? [] : await this.recall(query, workspaceId);
    const plan: Plan = await this.lead.plan({ query, workspaceId, sessionId, complexity, memories });
    const started = performance.now();
    const settled = await Promise.allSettled(
      plan.delegations.map((d) => this.runtime.submit(d, options.signal ? { signal: options.signal } : {})),
    );
    const outcomes: DelegationOutcome[] = settled.map((s, i) => {
      const delegation = plan.delegations[i]!;
      if (s.status === 'fulfilled') return { delegation, result: s.value };
      const e = toRuntimeError(s.reason, 'TASK_FAILED');
      return { delegation, error: { code: e.code, message: e.message } };
    });
    const elapsedMs = Math.round(performance.now() - started);
    const synthesized = this.lead.synthesize(query, plan, outcomes, elapsedMs);
    const episode = await this.store(synthesized, workspaceId, sessionId);
    return {
      ...synthesized,
      workspaceId,
      sessionId,
      complexity,
      rationale: plan.rationale,
      memoriesUsed: memories.length,
      episode,
    };
  }

  private async recall(query: string, workspaceId: string): Promise<unknown[]> {
    try {
      const r = await this.runtime.callTool('cortex_search', {
        query,
        workspaceId,
        kinds: ['episode'],
        limit: RECALL_LIMIT,
      });
      const results = (r.structuredContent as { results?: unknown[] } | undefined)?.results;
      return !r.isError && Array.isArray(results) ? results : [];
    } catch {
      return [];
    }
  }

  private async store(
    result: SynthesizedResult,
    workspaceId: string,
    sessionId: string,
  ): Promise<QueryResult['episode']> {
    const content = [
      `Query: ${result.query}`,
      `Strategy: ${result.strategy}; ${result.quality.succeeded}/${result.quality.planned} delegations succeeded; confidence ${result.quality.confidence}`,
      `Summary: ${result.summary}`,
      ...result.findings
        .slice(0, 20)
        .map((f) => `Finding: ${f.file ? `${f.file}${f.line ? `:${f.line}` : ''} ` : ''}${f.message}`),
      ...result.recommendations.slice(0, 20).map((r) => `Recommendation: ${r}`),
    ].join('\n');
    try {
      const r = await this.runtime.callTool('cortex_store', {
        content,
        kind: 'episode',
        tags: ['lead-agent', result.strategy],
        importance: Math.max(0.1, Math.min(1, result.quality.confidence)),
        workspaceId,
        sessionId,
        agentId: this.lead.name,
        metadata: {
          strategy: result.strategy,
          quality: result.quality,
          workers: result.workers.map((w) => w.workerId),
        },
      });
      const id = (r.structuredContent as { id?: unknown } | undefined)?.id;
      if (r.isError || (typeof id !== 'string' && typeof id !== 'number'))
        return { stored: false, reason: `cortex_store answered an error: ${JSON.stringify(r.content).slice(0, 200)}` };
      return { stored: true, id: String(id) };
    } catch (e) {
      return { stored: false, reason: toRuntimeError(e, 'MCP_UNAVAILABLE').message };
    }
  }
}
