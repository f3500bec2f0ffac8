import type { RuntimeStatistics } from '@axon/core';

/** What the demo prints about one task. */
export interface DemoTaskLine {
  /** The worker's name, e.g. `Reviewer-1`. */
  worker: string;
  /** The delegation's task id. */
  taskId: string;
  /** Whether the agent answered with an output. */
  success: boolean;
  /** From dispatch to answer, ms (0 when it never ran). */
  durationMs: number;
  /** Tool calls made, served and refused. */
  toolCalls: number;
  /** The agent's summary, or the error. */
  summary: string;
  /** Up to a few detail lines (findings, plan steps, test counts). */
  details: string[];
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;

interface Sections {
  findings?: Array<{ severity: string; rule: string; file: string; line: number }>;
  plan?: Array<{ step: number; file: string; line: number; rule: string; change: string }>;
  counts?: { passed: number; failed: number; skipped: number; format: string };
  status?: string;
}

/** Detail lines of a sample agent's output: its top findings, plan steps or test counts. */
export function detailsOf(output: unknown, max = 5): string[] {
  const sections = (typeof output === 'object' && output !== null ? output : {}) as Sections;
  const lines: string[] = [];
  for (const f of sections.findings?.slice(0, max) ?? [])
    lines.push(`${f.severity.padEnd(6)} ${f.rule} at ${f.file}:${f.line}`);
  for (const s of sections.plan?.slice(0, max) ?? [])
    lines.push(`${s.step}. ${s.file}:${s.line} (${s.rule}) ${s.change}`);
  if (sections.counts)
    lines.push(
      `tests ${sections.status ?? ''}: ${sections.counts.passed} passed, ${sections.counts.failed} failed, ${sections.counts.skipped} skipped (${sections.counts.format})`,
    );
  const more =
    (sections.findings?.length ?? 0) +
    (sections.plan?.length ?? 0) -
    Math.min(max, sections.findings?.length ?? 0) -
    Math.min(max, sections.plan?.length ?? 0);
  if (more > 0) lines.push(`… and ${more} more`);
  return lines;
}

/** One block per task. */
export function renderTask(t: DemoTaskLine): string {
  const head = `${t.success ? '✔' : '✖'} ${t.worker.padEnd(12)} ${t.taskId.padEnd(13)} ${t.success ? 'success' : 'FAILED '}  ${seconds(t.durationMs).padStart(6)}  ${String(t.toolCalls).padStart(2)} tool call(s)`;
  return [head, `    ${t.summary}`, ...t.details.map((d) => `      ${d}`)].join('\n');
}

/** The runtime's statistics, a few lines. */
export function renderStatistics(s: RuntimeStatistics): string {
  const ex = s.executor;
  return [
    'Runtime statistics',
    `  agents:    ${s.totalAgentsSpawned} spawned, ${s.activeAgents} active, ${s.totalRestarts} restarts, ${s.process.failed} failed${s.process.totalMemoryBytes > 0 ? `, ${(s.process.totalMemoryBytes / 1024 / 1024).toFixed(1)} MiB in use` : ''}`,
    `  tasks:     ${s.totalTasksExecuted} executed, ${s.totalTasksFailed} failed, success rate ${(s.successRate * 100).toFixed(0)}%`,
    `  executor:  ${ex.totalToolCalls} tool calls, avg ${seconds(ex.avgExecutionTimeMs)}, p50 ${seconds(ex.p50ExecutionTimeMs)}, p95 ${seconds(ex.p95ExecutionTimeMs)}`,
    `  cortex:    ${s.mcp.calls} MCP calls, ${s.mcp.failures} failed, latency p50 ${s.mcp.latency.p50.toFixed(1)} ms, p95 ${s.mcp.latency.p95.toFixed(1)} ms`,
    `  uptime:    ${seconds(s.uptimeMs)}`,
  ].join('\n');
}
