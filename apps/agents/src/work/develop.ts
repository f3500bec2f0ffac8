import { FINDING_QUERY, hitToFinding, memoryToFinding, REVIEW_SUMMARY_KIND } from '../cortex/findings.js';
import { resultJson } from '../cortex/result.js';
import type { Finding } from '../review/finding.js';
import { reviewFiles } from '../review/review.js';
import { planChanges } from '../plan/plan.js';
import { collectFiles, requireFiles } from '../scope/files.js';
import { buildOutput, type AgentOutput } from '../task/output.js';
import { readContext, scopeOf, toolBudgetOf, type SampleTask, type TaskContext } from '../task/task.js';
import { watchReview } from './await-review.js';
import { NO_USAGE, throwIfCancelled, type WorkContext, type WorkResult } from './context.js';

interface Hit {
  id: string;
  hit: unknown;
}

function hitsOf(search: unknown): Hit[] {
  const results = (search as { results?: unknown } | undefined)?.results;
  if (!Array.isArray(results)) return [];
  return results.flatMap((hit: unknown) => {
    const id = typeof hit === 'object' && hit !== null ? (hit as { id?: unknown }).id : undefined;
    return typeof id === 'string' || typeof id === 'number' ? [{ id: String(id), hit }] : [];
  });
}

function memoriesOf(retrieved: unknown): unknown[] {
  if (Array.isArray(retrieved)) return retrieved;
  const r = retrieved as { memories?: unknown; memory?: unknown };
  if (Array.isArray(r.memories)) return r.memories;
  return r.memory !== undefined ? [r.memory] : [retrieved];
}

/** Tool calls of one developer task, within its budget; a failed call is logged and yields `undefined`. */
class Tools {
  calls = 0;
  constructor(
    private readonly ctx: WorkContext,
    readonly budget: number,
  ) {}

  async call(name: string, args: Record<string, unknown>): Promise<unknown> {
    if (this.calls >= this.budget) return undefined;
    this.calls += 1;
    try {
      return resultJson(name, await this.ctx.callTool(name, args));
    } catch (error) {
      // No Cortex (refused, down): the developer plans from its own scan.
      throwIfCancelled(this.ctx.signal);
      this.ctx.log('warn', `${name} failed: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Prior findings of the workspace, and whether a review of it completed (its summary memory is there). */
  async searchFindings(context: TaskContext): Promise<{ hits: Hit[]; reviewComplete: boolean }> {
    const args = {
      query: FINDING_QUERY,
      kinds: ['finding', REVIEW_SUMMARY_KIND],
      workspaceId: context.workspaceId,
      limit: 100,
    };
    const all = hitsOf(await this.call('cortex_search', args));
    const isSummary = (h: Hit): boolean => (h.hit as { kind?: unknown }).kind === REVIEW_SUMMARY_KIND;
    return { hits: all.filter((h) => !isSummary(h)), reviewComplete: all.some(isSummary) };
  }
}

/**
 * The developer's task: searches Cortex for prior review findings (`cortex_search`, then `cortex_retrieve` of
 * the hits), scans the files in scope itself, and produces a change plan (file, line, change), which it stores
 * in Cortex. Findings on files outside the scope are ignored. With `context.awaitReviewMs`, when no review of the
 * workspace has completed yet (no `review-summary` memory), it waits that long for a reviewer's `review.completed`
 * on the message bus, then searches again.
 */
export async function developTask(task: SampleTask, ctx: WorkContext): Promise<WorkResult<AgentOutput>> {
  const context = readContext(task, ctx.cwd);
  const scope = scopeOf(task);
  const files = await collectFiles(scope, context.root);
  requireFiles(files, scope, context.root, 'plan');
  const inScope = new Set(files.map((f) => f.path));
  const tools = new Tools(ctx, toolBudgetOf(task));

  const watch = context.awaitReviewMs > 0 ? await watchReview(ctx, context.workspaceId) : undefined;
  let { hits, reviewComplete } = await tools.searchFindings(context);
  let waitedForReview = false;
  if (!reviewComplete && watch) {
    ctx.progress(0.2, `waiting up to ${context.awaitReviewMs} ms for a review of ${context.workspaceId}`);
    waitedForReview = await watch.wait(context.awaitReviewMs);
    if (waitedForReview) ({ hits, reviewComplete } = await tools.searchFindings(context));
  }
  await watch?.close();
  ctx.progress(0.3, `found ${hits.length} prior finding(s) in Cortex`);

  let prior: Finding[] = [];
  if (hits.length > 0) {
    throwIfCancelled(ctx.signal);
    const retrieved = await tools.call('cortex_retrieve', { ids: hits.map((h) => h.id) });
    // Without whole memories, the hits' tags (rule, file, severity, line) are enough for a plan.
    const found =
      retrieved === undefined ? hits.map((h) => hitToFinding(h.hit)) : memoriesOf(retrieved).map(memoryToFinding);
    prior = found.filter((f): f is Finding => f !== undefined && inScope.has(f.file));
  }
  throwIfCancelled(ctx.signal);
  const plan = planChanges(prior, reviewFiles(files, { maxFunctionLines: context.maxFunctionLines }));
  ctx.progress(0.8, `planned ${plan.length} change(s)`);
  if (plan.length > 0) {
    const content = `Change plan for "${task.objective}": ${plan.map((s) => `${s.file}:${s.line} ${s.rule}`).join(', ')}`;
    await tools.call('cortex_store', {
      content,
      kind: 'plan',
      tags: ['plan'],
      workspaceId: context.workspaceId,
      metadata: { taskId: task.taskId, steps: plan.length },
    });
  }

  const fromCortex = plan.filter((s) => s.source === 'cortex').length;
  const output = buildOutput(
    'developer',
    `Planned ${plan.length} change(s) in ${new Set(plan.map((s) => s.file)).size} file(s) for "${task.objective}" (${fromCortex} from prior findings in Cortex).`,
    { plan, files: files.map((f) => f.path), priorFindings: prior.length, waitedForReview },
    {
      filesRead: files.length,
      steps: plan.length,
      fromCortex,
      fromScan: plan.length - fromCortex,
      toolCalls: tools.calls,
    },
    task.outputFormat?.requiredSections,
  );
  return { output, usage: NO_USAGE };
}
