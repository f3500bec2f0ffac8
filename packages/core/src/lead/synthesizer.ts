import type { TaskDelegationInput } from '@axon/executor';
import { parseOutput, type Finding } from './output-parsing.js';

/** What the synthesizer needs of a finished task (a subset of the executor's `TaskResult`). */
export interface WorkerResult {
  /** Agent that ran the task. */
  workerId: string;
  /** The validated delegation (only `taskId` and `outputFormat.requiredSections` are read). */
  task: { taskId: string; outputFormat?: { requiredSections?: string[] } };
  /** The agent's output (a failed task is a `DelegationOutcome` with an `error`, never a result). */
  output: unknown;
  /** Duration, ms. */
  durationMs: number;
  /** Tool calls made. */
  toolCalls: number;
  /** Tokens, as the agent reported them. */
  tokensUsed?: number;
  /** Cost in cents, as the agent reported it. */
  costCents?: number;
  /** Attempt that produced it (1 = first). */
  attempt?: number;
  /** When it finished (used for the wall-clock span when none is measured). */
  completedAt?: Date;
}

/** One delegation's outcome: a result, or the error it failed with. */
export type DelegationOutcome =
  | { delegation: TaskDelegationInput; result: WorkerResult }
  | { delegation: TaskDelegationInput; error: { code: string; message: string } };

/** Per-worker usage in a synthesized result. */
export interface WorkerUsage {
  /** Agent id. */
  workerId: string;
  /** Tasks it finished (successfully or not). */
  tasks: number;
  /** Sum of task durations, ms. */
  durationMs: number;
  /** Tool calls made. */
  toolCalls: number;
  /** Tokens reported (0 when none were). */
  tokensUsed: number;
  /** Cost reported, cents (0 when none was). */
  costCents: number;
}

/** Quality of a synthesized answer. */
export interface QualityMetrics {
  /** Delegations planned. */
  planned: number;
  /** Delegations that succeeded. */
  succeeded: number;
  /** succeeded / planned, 0–1. */
  successRate: number;
  /**
   * Share of required output sections present with content in successful outputs, 0–1 (1 when none were
   * required): a section that is null, empty or blank is missing.
   */
  sectionCoverage: number;
  /**
   * Findings reported by at least two different workers answering different facets (objectives): the same
   * question asked twice, or one worker repeating itself, is not corroboration.
   */
  corroboratedFindings: number;
  /** successRate × (0.5 + 0.5 × sectionCoverage), 0–1: a rough trust figure for the answer. */
  confidence: number;
  /**
   * Wall-clock time of the work, ms: as measured by the caller (`LeadAgentWithRuntime` times the delegations from
   * submit to the last settled, queueing included), else the span from the first task's start to the last one's
   * end, else the longest task.
   */
  elapsedMs: number;
}

/** The answer to a query, put together from the workers' results. */
export interface SynthesizedResult {
  /** The query. */
  query: string;
  /** Strategy that planned it. */
  strategy: string;
  /** One paragraph: the workers' summaries, or a count of findings. */
  summary: string;
  /** Findings, deduplicated, most corroborated and most severe first. */
  findings: Finding[];
  /** Recommendations, deduplicated, in order of first appearance. */
  recommendations: string[];
  /** Quality metrics. */
  quality: QualityMetrics;
  /** Usage per worker. */
  workers: WorkerUsage[];
  /** Delegations that failed, with their error code. */
  failures: Array<{ taskId?: string; objective: string; code: string; message: string }>;
}

const SEVERITY_RANK: Record<string, number> = {
  critical: 5,
  high: 4,
  major: 4,
  medium: 3,
  moderate: 3,
  low: 2,
  minor: 2,
  info: 1,
};
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '')
    .trim();

/** Puts workers' results together: dedupes findings and recommendations, measures quality and usage. */
export function synthesize(input: {
  query: string;
  strategy: string;
  outcomes: DelegationOutcome[];
  /** Measured wall-clock time of the delegations, ms. */
  elapsedMs?: number;
}): SynthesizedResult {
  const facets = new Map<string, Set<string>>();
  const findings = new Map<string, Finding>();
  const recommendations = new Map<string, string>();
  const workers = new Map<string, WorkerUsage>();
  const summaries: string[] = [];
  const failures: SynthesizedResult['failures'] = [];
  let succeeded = 0;
  let required = 0;
  let present = 0;
  let longest = 0;
  let firstStart = Infinity;
  let lastEnd = -Infinity;
  for (const outcome of input.outcomes) {
    if ('error' in outcome) {
      const f: SynthesizedResult['failures'][number] = {
        objective: outcome.delegation.objective,
        code: outcome.error.code,
        message: outcome.error.message,
      };
      if (outcome.delegation.taskId) f.taskId = outcome.delegation.taskId;
      failures.push(f);
      continue;
    }
    const r = outcome.result;
    const usage = workers.get(r.workerId) ?? {
      workerId: r.workerId,
      tasks: 0,
      durationMs: 0,
      toolCalls: 0,
      tokensUsed: 0,
      costCents: 0,
    };
    usage.tasks++;
    usage.durationMs += r.durationMs;
    usage.toolCalls += r.toolCalls;
    usage.tokensUsed += r.tokensUsed ?? 0;
    usage.costCents += r.costCents ?? 0;
    workers.set(r.workerId, usage);
    longest = Math.max(longest, r.durationMs);
    if (r.completedAt) {
      lastEnd = Math.max(lastEnd, r.completedAt.getTime());
      firstStart = Math.min(firstStart, r.completedAt.getTime() - r.durationMs);
    }
    succeeded++;
    const facet = norm(outcome.delegation.objective);
    const parsed = parseOutput(r.output);
    for (const s of r.task.outputFormat?.requiredSections ?? []) {
      required++;
      if (parsed.sections.has(s.toLowerCase())) present++;
    }
    if (parsed.summary) summaries.push(parsed.summary);
    for (const f of parsed.findings) {
      const key = `${f.file ?? ''}:${f.line ?? ''}:${norm(f.message)}`;
      const existing = findings.get(key);
      if (existing) {
        if (!existing.reportedBy.includes(r.workerId)) existing.reportedBy.push(r.workerId);
      } else findings.set(key, { ...f, reportedBy: [r.workerId] });
      let seenIn = facets.get(key);
      if (!seenIn) facets.set(key, (seenIn = new Set()));
      seenIn.add(facet);
    }
    for (const rec of parsed.recommendations) if (!recommendations.has(norm(rec))) recommendations.set(norm(rec), rec);
  }
  const planned = input.outcomes.length;
  const successRate = planned === 0 ? 0 : succeeded / planned;
  const sectionCoverage = required === 0 ? 1 : present / required;
  const sorted = [...findings.values()].sort(
    (a, b) =>
      b.reportedBy.length - a.reportedBy.length ||
      (SEVERITY_RANK[b.severity ?? ''] ?? 0) - (SEVERITY_RANK[a.severity ?? ''] ?? 0),
  );
  const summary =
    summaries.length > 0
      ? summaries.join(' ')
      : `${succeeded}/${planned} delegation(s) succeeded with ${sorted.length} finding(s) and ${recommendations.size} recommendation(s).`;
  return {
    query: input.query,
    strategy: input.strategy,
    summary,
    findings: sorted,
    recommendations: [...recommendations.values()],
    quality: {
      planned,
      succeeded,
      successRate,
      sectionCoverage,
      corroboratedFindings: [...findings.entries()].filter(
        ([key, f]) => f.reportedBy.length > 1 && (facets.get(key)?.size ?? 0) > 1,
      ).length,
      confidence: Math.round(successRate * (0.5 + 0.5 * sectionCoverage) * 100) / 100,
      elapsedMs: input.elapsedMs ?? (lastEnd >= firstStart ? Math.round(lastEnd - firstStart) : longest),
    },
    workers: [...workers.values()],
    failures,
  };
}
