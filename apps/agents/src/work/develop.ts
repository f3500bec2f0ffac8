import { FINDING_QUERY, memoryToFinding } from '../cortex/findings.js';
import { resultJson } from '../cortex/result.js';
import type { Finding } from '../review/finding.js';
import { reviewFiles } from '../review/review.js';
import { planChanges } from '../plan/plan.js';
import { collectFiles } from '../scope/files.js';
import { buildOutput, type AgentOutput } from '../task/output.js';
import { readContext, scopeOf, toolBudgetOf, type SampleTask } from '../task/task.js';
import { NO_USAGE, throwIfCancelled, type WorkContext, type WorkResult } from './context.js';

function idsOf(search: unknown): string[] {
  const results = (search as { results?: unknown }).results;
  if (!Array.isArray(results)) return [];
  return results
    .map((r: unknown) => (typeof r === 'object' && r !== null ? (r as { id?: unknown }).id : undefined))
    .filter((id): id is string | number => typeof id === 'string' || typeof id === 'number')
    .map(String);
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
    const search = resultJson(
      'cortex_search',
      await ctx.callTool('cortex_search', { query: FINDING_QUERY, kinds: ['finding'], workspaceId: context.workspaceId, limit: 50 }),
    );
    toolCalls += 1;
    const ids = idsOf(search);
    ctx.progress(0.3, `found ${ids.length} prior finding(s) in Cortex`);
    if (ids.length > 0) {
      throwIfCancelled(ctx.signal);
      const retrieved = resultJson('cortex_retrieve', await ctx.callTool('cortex_retrieve', { ids }));
      toolCalls += 1;
      prior = memoriesOf(retrieved)
        .map(memoryToFinding)
        .filter((f): f is Finding => f !== undefined && inScope.has(f.file));
    }
  }
  throwIfCancelled(ctx.signal);
  const scanned = reviewFiles(files, { maxFunctionLines: context.maxFunctionLines });
  const plan = planChanges(prior, scanned);
  ctx.progress(0.8, `planned ${plan.length} change(s)`);

  if (plan.length > 0 && toolCalls < budget) {
    const content = `Change plan for "${task.objective}": ${plan.map((s) => `${s.file}:${s.line} ${s.rule}`).join(', ')}`;
    await ctx.callTool('cortex_store', { content, kind: 'plan', tags: ['plan'], workspaceId: context.workspaceId, metadata: { taskId: task.taskId, steps: plan.length } });
    toolCalls += 1;
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
