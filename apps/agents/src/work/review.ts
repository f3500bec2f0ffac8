import { findingToStore } from '../cortex/findings.js';
import { resultJson } from '../cortex/result.js';
import { formatFinding, type Finding } from '../review/finding.js';
import { reviewFiles } from '../review/review.js';
import { collectFiles } from '../scope/files.js';
import { buildOutput, type AgentOutput } from '../task/output.js';
import { readContext, scopeOf, toolBudgetOf, type SampleTask } from '../task/task.js';
import { NO_USAGE, throwIfCancelled, type WorkContext, type WorkResult } from './context.js';

/**
 * The reviewer's task: reads the files in scope, runs the review rules, stores each finding in Cortex
 * (`cortex_store`, within the tool budget; findings past the budget are stored as one summary memory). A refused
 * or failed store stops storing but not the review: the output says `storeError`.
 */
export async function reviewTask(task: SampleTask, ctx: WorkContext): Promise<WorkResult<AgentOutput>> {
  const context = readContext(task, ctx.cwd);
  const files = await collectFiles(scopeOf(task), context.root);
  ctx.progress(0.2, `read ${files.length} file(s)`);
  const findings = reviewFiles(files, { maxFunctionLines: context.maxFunctionLines });
  ctx.progress(0.4, `${findings.length} finding(s)`);

  const budget = toolBudgetOf(task);
  const individually = findings.length <= budget ? findings : findings.slice(0, Math.max(0, budget - 1));
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
  if (rest.length > 0 && !storeError) {
    const content = `Review findings (${rest.length} more): ${rest.map(formatFinding).join('; ')}`;
    await store({ content, kind: 'finding-summary', tags: ['finding'], workspaceId: context.workspaceId });
  }

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
      recommendations: [...new Set(findings.map((f) => f.rule))].map((rule) => `fix ${rule}: ${findings.filter((f) => f.rule === rule).length} place(s)`),
      stored: memoryIds,
      ...(storeError ? { storeError } : {}),
    },
    { filesReviewed: files.length, findings: findings.length, high: bySeverity('high'), medium: bySeverity('medium'), low: bySeverity('low'), toolCalls },
    task.outputFormat?.requiredSections,
  );
  return { output, usage: NO_USAGE };
}
