import { FINDING_QUERY, hitToFinding, memoryToFinding } from '../cortex/findings.js';
import { resultJson } from '../cortex/result.js';
import type { Finding } from '../review/finding.js';
import { reviewFiles } from '../review/review.js';
import { planChanges } from '../plan/plan.js';
import { collectFiles } from '../scope/files.js';
import { buildOutput, type AgentOutput } from '../task/output.js';
import { readContext, scopeOf, toolBudgetOf, type SampleTask } from '../task/task.js';
import { NO_USAGE, throwIfCancelled, type WorkContext, type WorkResult } from './context.js';

function hitsOf(search: unknown): Array<{ id: string; hit: unknown }> {
  const results = (search as { results?: unknown }).results;
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

/**
 * The developer's task: searches Cortex for prior review findings (`cortex_search`, then `cortex_retrieve` of
 * the hits), scans the files in scope itself, and produces a change plan (file, line, change), which it stores
 * in Cortex. Findings on files outside the scope are ignored.
 */
export async function developTask(task: SampleTask, ctx: WorkContext): Promise<WorkResult<AgentOutput>> {
  const context = readContext(task, ctx.cwd);
  const files = await collectFiles(scopeOf(task), context.root);
  const inScope = new Set(files.map((f) => f.path));
  const budget = toolBudgetOf(task);
  let toolCalls = 0;

  let prior: Finding[] = [];
  if (budget >= 2) {
    let hits: Array<{ id: string; hit: unknown }> = [];
    toolCalls += 1;
    try {
      const args = { query: FINDING_QUERY, kinds: ['finding'], workspaceId: context.workspaceId, limit: 50 };
      hits = hitsOf(resultJson('cortex_search', await ctx.callTool('cortex_search', args)));
    } catch (error) {
      // No Cortex (refused, down): plan from the developer's own scan.
      throwIfCancelled(ctx.signal);
      ctx.log('warn', `cortex_search failed, planning from a scan only: ${(error as Error).message}`);
    }
    ctx.progress(0.3, `found ${hits.length} prior finding(s) in Cortex`);
    if (hits.length > 0) {
      throwIfCancelled(ctx.signal);
      let found: Array<Finding | undefined>;
      try {
        const retrieved = resultJson('cortex_retrieve', await ctx.callTool('cortex_retrieve', { ids: hits.map((h) => h.id) }));
        found = memoriesOf(retrieved).map(memoryToFinding);
      } catch (error) {
        // The hits carry rule, file and severity in their tags and the line in their snippet: enough for a plan.
        ctx.log('warn', `cortex_retrieve failed, planning from search hits: ${(error as Error).message}`);
        found = hits.map((h) => hitToFinding(h.hit));
      }
      toolCalls += 1;
      prior = found.filter((f): f is Finding => f !== undefined && inScope.has(f.file));
    }
  }
  throwIfCancelled(ctx.signal);
  const scanned = reviewFiles(files, { maxFunctionLines: context.maxFunctionLines });
  const plan = planChanges(prior, scanned);
  ctx.progress(0.8, `planned ${plan.length} change(s)`);

  if (plan.length > 0 && toolCalls < budget) {
    const content = `Change plan for "${task.objective}": ${plan.map((s) => `${s.file}:${s.line} ${s.rule}`).join(', ')}`;
    toolCalls += 1;
    await ctx
      .callTool('cortex_store', { content, kind: 'plan', tags: ['plan'], workspaceId: context.workspaceId, metadata: { taskId: task.taskId, steps: plan.length } })
      .catch((error: unknown) => ctx.log('warn', `plan not stored in Cortex: ${(error as Error).message}`));
  }
  const fromCortex = plan.filter((s) => s.source === 'cortex').length;
  const output = buildOutput(
    'developer',
    `Planned ${plan.length} change(s) in ${new Set(plan.map((s) => s.file)).size} file(s) for "${task.objective}" (${fromCortex} from prior findings in Cortex).`,
    { plan, files: files.map((f) => f.path), priorFindings: prior.length },
    { filesRead: files.length, steps: plan.length, fromCortex, fromScan: plan.length - fromCortex, toolCalls },
    task.outputFormat?.requiredSections,
  );
  return { output, usage: NO_USAGE };
}
