import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgentRuntime } from '@axon/core';
import { cortexBinPath } from '@axon/cortex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonAgentPath, sampleAgentCommand } from '../src/paths.js';
import { hasPython } from './helpers/python.js';

const project = fileURLToPath(new URL('./fixtures/project/', import.meta.url));

// The agents as users run them: spawned by the runtime's ProcessManager, tasks through its AgentExecutor
// (budgets, allowlists, audit), tool calls through its McpServerPool to the embedded Cortex.
describe('sample agents under AgentRuntime', () => {
  const dbDir = mkdtempSync(join(tmpdir(), 'axon-agents-runtime-'));
  const runtime = new AgentRuntime({
    mcp: { cortexBinaryPath: cortexBinPath, cortexArgs: ['mcp', 'stdio', '--db', join(dbDir, 'c.db')] },
  });
  beforeAll(async () => {
    await runtime.start();
  });
  afterAll(async () => {
    await runtime.shutdown({ timeout: 5_000 });
    rmSync(dbDir, { recursive: true, force: true });
  });

  it('runs reviewer, developer and tester in parallel with their tool calls counted by the executor', async () => {
    const ids: string[] = [];
    for (const name of ['reviewer', 'developer', 'tester'] as const) {
      const a = sampleAgentCommand(name);
      ids.push(await runtime.spawnAgent(`${name}-1`, name, a.command, a.args, { cwd: project }));
    }
    const context = { root: project, workspaceId: 'runtime-test' };
    const settled = await runtime.executeTasksParallel([
      {
        agentId: ids[0]!,
        delegation: {
          objective: 'review',
          boundaries: { scope: ['src'], maxToolCalls: 15, timeout: '60s' },
          requiredCapabilities: ['CodeReview'],
          context,
        },
      },
      {
        agentId: ids[1]!,
        delegation: {
          objective: 'plan',
          boundaries: { scope: ['src'], maxToolCalls: 20, timeout: '60s' },
          requiredCapabilities: ['Planning'],
          context,
        },
      },
      {
        agentId: ids[2]!,
        delegation: {
          objective: 'test',
          boundaries: { scope: ['test'], maxToolCalls: 25, timeout: '60s' },
          requiredCapabilities: ['Testing'],
          context: { ...context, testCommand: 'node test/pass.mjs' },
        },
      },
    ]);
    const [review, plan, test] = settled.map((s) =>
      s.status === 'fulfilled' ? s.value : Promise.reject(s.reason as Error),
    );
    expect(review).toMatchObject({ toolCalls: 6, output: { metrics: { findings: 5 } } });
    expect(plan).toMatchObject({ output: { agent: 'developer' } });
    expect((plan as { output: { plan: unknown[] } }).output.plan.length).toBeGreaterThan(0);
    expect(test).toMatchObject({ toolCalls: 0, output: { counts: { passed: 3, failed: 0 } } });
    expect(runtime.getStatistics().executor.totalToolCalls).toBeGreaterThanOrEqual(7);
  });

  it('developer: waits for the reviewer through the message bus, then plans from its findings in Cortex', async () => {
    const reviewer = sampleAgentCommand('reviewer');
    const developer = sampleAgentCommand('developer');
    const dev = await runtime.spawnAgent('developer-bus', 'developer', developer.command, developer.args, {
      cwd: project,
    });
    const rev = await runtime.spawnAgent('reviewer-bus', 'reviewer', reviewer.command, reviewer.args, { cwd: project });
    const context = { root: project, workspaceId: 'bus-test' };
    // The developer starts first and (unless it is slow to start) finds no complete review; the reviewer, started
    // 300 ms later, publishes review.completed. Either way the plan holds every finding of the review.
    const planning = runtime.executeTask(dev, {
      objective: 'plan',
      boundaries: { scope: ['src'], maxToolCalls: 20, timeout: '60s' },
      context: { ...context, awaitReviewMs: 30_000 },
    });
    await new Promise((r) => setTimeout(r, 300));
    const review = await runtime.executeTask(rev, {
      objective: 'review',
      boundaries: { scope: ['src'], maxToolCalls: 15, timeout: '60s' },
      context,
    });
    const plan = await planning;
    expect(review.output).toBeDefined();
    expect(plan.output).toMatchObject({ priorFindings: 5, metrics: { steps: 5, fromCortex: 5, fromScan: 0 } });
  });

  it('reviewer: still reports its findings when the runtime refuses cortex_store (allowlist)', async () => {
    const a = sampleAgentCommand('reviewer');
    const id = await runtime.spawnAgent('reviewer-2', 'reviewer', a.command, a.args, { cwd: project });
    const result = await runtime.executeTask(id, {
      objective: 'review without storing',
      allowedTools: ['cortex_search'],
      boundaries: { scope: ['src'], maxToolCalls: 15, timeout: '60s' },
      context: { root: project },
    });
    expect(result).toMatchObject({
      toolCalls: 1,
      refusedToolCalls: 1,
      output: { metrics: { findings: 5 }, stored: [] },
    });
    expect((result.output as { storeError: string }).storeError).toMatch(/not allowed|TOOL_NOT_ALLOWED/i);
    expect((result.output as { summary: string }).summary).toMatch(/not stored in Cortex/);
  });

  it('developer: plans from its own scan when the runtime refuses every tool', async () => {
    const a = sampleAgentCommand('developer');
    const id = await runtime.spawnAgent('developer-2', 'developer', a.command, a.args, { cwd: project });
    const result = await runtime.executeTask(id, {
      objective: 'plan without Cortex',
      allowedTools: ['nothing_here'],
      boundaries: { scope: ['src/greet.ts'], maxToolCalls: 5, timeout: '60s' },
      context: { root: project },
    });
    expect(result).toMatchObject({ output: { metrics: { steps: 2, fromCortex: 0 } } });
    expect(result.refusedToolCalls).toBeGreaterThanOrEqual(1);
  });

  it.runIf(hasPython)('runs the Python agent with its tools/call routed to Cortex', async () => {
    const id = await runtime.spawnAgent('python-1', 'python-summary', 'python3', [pythonAgentPath], { cwd: project });
    expect(runtime.getAgent(id)?.capabilities).toEqual(['Summarization', 'Analysis']);
    const result = await runtime.executeTask(id, {
      objective: 'summarise',
      boundaries: { scope: ['src'], maxToolCalls: 2, timeout: '30s' },
      context: { root: project, workspaceId: 'py' },
    });
    expect(result).toMatchObject({
      toolCalls: 1,
      output: { agent: 'python-summary', stored: { ok: true } },
    });
  });
});
