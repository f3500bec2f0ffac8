import { findingToStore, REVIEW_SUMMARY_KIND, REVIEW_SUMMARY_PREFIX } from '../cortex/findings.js';
import { resultJson } from '../cortex/result.js';
import { formatFinding, type Finding } from '../review/finding.js';
import { reviewFiles } from '../review/review.js';
import { collectFiles, requireFiles } from '../scope/files.js';
import { buildOutput, type AgentOutput } from '../task/output.js';
import { readContext, scopeOf, toolBudgetOf, type SampleTask } from '../task/task.js';
import { NO_USAGE, REVIEW_COMPLETED_TOPIC, throwIfCancelled, type WorkContext, type WorkResult } from './context.js';

/**
 * The reviewer's task: reads the files in scope, runs the review rules, stores each finding in Cortex
 * (`cortex_store`, within the tool budget) and then one `review-summary` memory (holding the findings past the
 * budget, and telling a developer that the review is complete). A refused
 * or failed store stops storing but not the review: the output says `storeError`. Then it publishes
 * `review.completed` on the runtime's message bus.
 */
export async function reviewTask(task: SampleTask, ctx: WorkContext): Promise<WorkResult<AgentOutput>> {
  const context = readContext(task, ctx.cwd);
  const scope = scopeOf(task);
  const files = await collectFiles(scope, context.root);
  requireFiles(files, scope, context.root, 'review');
  ctx.progress(0.2, `read ${files.length} file(s)`);
  const findings = reviewFiles(files, { maxFunctionLines: context.maxFunctionLines });
  ctx.progress(0.4, `${findings.length} finding(s)`);

  const budget = toolBudgetOf(task);
  // One call is kept for the closing summary memory, which also tells a developer the review is complete.
  const individually = findings.slice(0, Math.max(0, budget - 1));
  const memoryIds: string[] = [];
  let toolCalls = 0;
  let storeError: string | undefined;
  // A refused or failed store (not allowed, budget, Cortex down) ends storing; the review itself still stands.
  const store = async (args: Record<string, unknown>): Promise<unknown> => {
    toolCalls += 1;
    try {
      return resultJson('cortex_store', await ctx.callTool('cortex_store', args));
    } catch (error) {
      throwIfCancelled(ctx.signal);
      storeError = error instanceof Error ? error.message : String(error);
      ctx.log('warn', `findings not stored in Cortex: ${storeError}`);
      return undefined;
    }
  };
  for (const [i, finding] of individually.entries()) {
    throwIfCancelled(ctx.signal);
    const stored = await store(findingToStore(finding, context));
    if (storeError) break;
    const id = (stored as { id?: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') memoryIds.push(String(id));
    ctx.progress(0.4 + (0.6 * (i + 1)) / Math.max(1, findings.length), `stored ${formatFinding(finding)}`);
  }
  const rest = findings.slice(individually.length);
  if (!storeError) {
    const more = rest.length > 0 ? `; not stored one by one: ${rest.map(formatFinding).join('; ')}` : '';
    const content = `${REVIEW_SUMMARY_PREFIX} ${findings.length} finding(s) in ${files.length} file(s) of ${context.workspaceId}${more}`;
    await store({
      content,
      kind: REVIEW_SUMMARY_KIND,
      tags: ['review'],
      workspaceId: context.workspaceId,
      metadata: { taskId: task.taskId, findings: findings.length },
    });
  }

  ctx.bus?.publish(REVIEW_COMPLETED_TOPIC, {
    workspaceId: context.workspaceId,
    taskId: task.taskId,
    findings: findings.length,
    stored: memoryIds.length,
  });

  const bySeverity = (s: Finding['severity']): number => findings.filter((f) => f.severity === s).length;
  const summary =
    findings.length === 0
      ? `Reviewed ${files.length} file(s): no findings.`
      : `Reviewed ${files.length} file(s): ${findings.length} finding(s) (${bySeverity('high')} high, ${bySeverity('medium')} medium, ${bySeverity('low')} low), ${storeError ? 'not stored in Cortex' : 'stored in Cortex'}.`;
  const output = buildOutput(
    'reviewer',
    summary,
    {
      findings,
      files: files.map((f) => f.path),
      recommendations: [...new Set(findings.map((f) => f.rule))].map(
        (rule) => `fix ${rule}: ${findings.filter((f) => f.rule === rule).length} place(s)`,
      ),
      stored: memoryIds,
      ...(storeError ? { storeError } : {}),
    },
    {
      filesReviewed: files.length,
      findings: findings.length,
      high: bySeverity('high'),
      medium: bySeverity('medium'),
      low: bySeverity('low'),
      toolCalls,
    },
    task.outputFormat?.requiredSections,
  );
  return { output, usage: NO_USAGE };
}
