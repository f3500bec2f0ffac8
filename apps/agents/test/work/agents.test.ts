import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleAgentPath, type SampleAgentName } from '../../src/paths.js';
import { startAgent, startCortex, type AgentUnderTest, type CortexFixture } from '../helpers/harness.js';

const project = fileURLToPath(new URL('../fixtures/project/', import.meta.url));

describe('sample agents (real processes over AAP, real Cortex)', () => {
  let cortex: CortexFixture;
  const running: AgentUnderTest[] = [];
  const start = async (name: SampleAgentName) => {
    const agent = await startAgent(process.execPath, [sampleAgentPath(name)], { cortex });
    running.push(agent);
    return agent;
  };
  beforeAll(() => {
    cortex = startCortex();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((a) => a.stop()));
  });
  afterAll(async () => {
    await cortex.close();
  });

  it('reviewer: reports findings with file and line and stores each in Cortex', async () => {
    const reviewer = await start('reviewer');
    expect(reviewer.init.capabilities).toContain('CodeReview');
    const { output, usage } = await reviewer.execute({
      taskId: 'review-1',
      objective: 'Review the project',
      boundaries: { scope: ['src'], maxToolCalls: 15 },
      context: { root: project, workspaceId: 'agents-test' },
      outputFormat: { requiredSections: ['findings', 'recommendations'] },
    });
    const where = output.findings.map(
      (f: { rule: string; file: string; line: number }) => `${f.rule} ${f.file}:${f.line}`,
    );
    expect(where).toEqual([
      'hardcoded-secret src/secret.ts:1',
      'missing-input-validation src/greet.ts:2',
      'missing-input-validation src/secret.ts:2',
      'token-logging src/secret.ts:3',
      'todo src/greet.ts:1',
    ]);
    expect(usage).toEqual({ tokensUsed: 0, costCents: 0 });
    expect(reviewer.toolCalls.map((c) => c.name)).toEqual(Array(6).fill('cortex_store'));
    expect(reviewer.toolCalls[5]?.arguments).toMatchObject({
      kind: 'review-summary',
      content: expect.stringMatching(/^Review finding summary: 5 finding/),
    });
    expect(output.stored).toHaveLength(5);
    expect(output.metrics).toMatchObject({ filesReviewed: 2, findings: 5, high: 1, toolCalls: 6 });
  });

  it('reviewer: stores findings past the tool budget in its closing summary memory', async () => {
    const reviewer = await start('reviewer');
    const { output } = await reviewer.execute({
      taskId: 'review-2',
      objective: 'Review within 3 calls',
      boundaries: { scope: ['src'], maxToolCalls: 3 },
      context: { root: project, workspaceId: 'agents-budget' },
    });
    expect(output.metrics.findings).toBe(5);
    expect(reviewer.toolCalls).toHaveLength(3);
    expect(reviewer.toolCalls[2]?.arguments).toMatchObject({
      kind: 'review-summary',
      content: expect.stringContaining('not stored one by one'),
    });
  });

  it('developer: plans changes from the findings the reviewer stored in Cortex', async () => {
    const reviewer = await start('reviewer');
    await reviewer.execute({
      taskId: 'r',
      objective: 'review',
      boundaries: { scope: ['src'] },
      context: { root: project, workspaceId: 'agents-dev' },
    });
    const developer = await start('developer');
    const { output } = await developer.execute({
      taskId: 'dev-1',
      objective: 'Harden the module',
      boundaries: { scope: ['src/secret.ts'], maxToolCalls: 20 },
      context: { root: project, workspaceId: 'agents-dev' },
    });
    expect(developer.toolCalls.map((c) => c.name)).toEqual(['cortex_search', 'cortex_retrieve', 'cortex_store']);
    expect(
      output.plan.map(
        (s: { file: string; line: number; rule: string; source: string }) =>
          `${s.file}:${s.line} ${s.rule} ${s.source}`,
      ),
    ).toEqual([
      'src/secret.ts:1 hardcoded-secret cortex',
      'src/secret.ts:2 missing-input-validation cortex',
      'src/secret.ts:3 token-logging cortex',
    ]);
    expect(output.plan[0].change).toMatch(/environment|env/);
  });

  it('developer: plans from its own scan when Cortex holds no findings', async () => {
    const developer = await start('developer');
    const { output } = await developer.execute({
      taskId: 'dev-2',
      objective: 'Plan',
      boundaries: { scope: ['src/greet.ts'] },
      context: { root: project, workspaceId: 'agents-empty' },
    });
    expect(output.metrics).toMatchObject({ steps: 2, fromCortex: 0, fromScan: 2 });
    expect(developer.toolCalls.map((c) => c.name)).toEqual(['cortex_search', 'cortex_store']);
  });

  it('tester: runs the test command and reports pass/fail counts', async () => {
    const tester = await start('tester');
    const pass = await tester.execute({
      taskId: 't1',
      objective: 'test',
      boundaries: { scope: ['.'] },
      context: { root: project, testCommand: 'node test/pass.mjs' },
    });
    expect(pass.output).toMatchObject({ status: 'passed', counts: { passed: 3, failed: 0, format: 'tap' } });
    const fail = await tester.execute({
      taskId: 't2',
      objective: 'test',
      boundaries: { scope: ['.'] },
      context: { root: project, testCommand: 'node test/fail.mjs', failOnTestFailure: false },
    });
    expect(fail.output).toMatchObject({ status: 'failed', counts: { passed: 2, failed: 1 }, failures: ['b breaks'] });
    expect(fail.output.metrics.exitCode).toBe(1);
  });

  it('tester: fails the task when the test command cannot start its tests, naming what it said', async () => {
    const tester = await start('tester');
    await expect(
      tester.execute({
        taskId: 't-missing',
        objective: 'test',
        boundaries: { scope: ['.'] },
        context: { root: project, testCommand: 'node test/needs-module.mjs' },
      }),
    ).rejects.toMatchObject({
      rpcCode: -32001,
      message: expect.stringMatching(
        /no test result was reported .*exit code 1.*Cannot find module 'typescript-not-here'/,
      ),
    });
  });

  it('tester: finds test/run.mjs when the task names no test command', async () => {
    const tester = await start('tester');
    const { output } = await tester.execute({
      taskId: 't7',
      objective: 'test',
      boundaries: { scope: ['workspace:x'] },
      context: { root: project },
    });
    expect(output).toMatchObject({ command: 'node test/run.mjs', status: 'passed', counts: { passed: 1 } });
  });

  it('reviewer: treats workspace: scope entries as topics, not files', async () => {
    const reviewer = await start('reviewer');
    const { output } = await reviewer.execute({
      taskId: 'r-topic',
      objective: 'review',
      boundaries: { scope: ['workspace:demo', 'src/greet.ts'] },
      context: { root: project },
    });
    expect(output.files).toEqual(['src/greet.ts']);
  });

  it('reviewer: fails when the scope holds no source file, instead of reporting no findings', async () => {
    const reviewer = await start('reviewer');
    await expect(
      reviewer.execute({
        taskId: 'r-empty',
        objective: 'review',
        boundaries: { scope: ['workspace:demo'] },
        context: { root: project },
      }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('nothing to review: the scope names no file or folder'),
    });
    await expect(
      reviewer.execute({
        taskId: 'r-empty-dir',
        objective: 'review',
        boundaries: { scope: ['test/empty'] },
        context: { root: project },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('nothing to review: no source file') });
  });

  it('tester: fails the task on failing tests (the default)', async () => {
    const tester = await start('tester');
    await expect(
      tester.execute({
        taskId: 't3',
        objective: 'test',
        boundaries: { scope: ['.'] },
        context: { root: project, testCommand: 'node test/fail.mjs' },
      }),
    ).rejects.toMatchObject({
      rpcCode: -32001,
      message: expect.stringContaining('1 of 3 test(s) failed (exit code 1)'),
    });
  });

  it('tester: stops a hanging test command at the task timeout (less its margin) and fails', async () => {
    const tester = await start('tester');
    await expect(
      tester.execute({
        taskId: 't4',
        objective: 'test',
        boundaries: { scope: ['.'], timeout: 3_000 },
        context: { root: project, testCommand: 'node test/hang.mjs' },
      }),
    ).rejects.toMatchObject({ rpcCode: -32001, message: expect.stringContaining('timed out') });
  });

  it('tester: a cancelled task stops its test command', async () => {
    const tester = await start('tester');
    const run = tester.execute({
      taskId: 't5',
      objective: 'test',
      boundaries: { scope: ['.'] },
      context: { root: project, testCommand: 'node test/hang.mjs' },
    });
    await expect.poll(() => tester.notifications.some((n) => n.method === 'task/progress')).toBe(true);
    tester.peer.notify('task/cancel', { taskId: 't5', reason: 'test' });
    await expect(run).rejects.toMatchObject({ rpcCode: -32002 });
  });

  it('tester: a task without a test command in a folder without tests fails naming what is missing', async () => {
    const tester = await start('tester');
    await expect(
      tester.execute({
        taskId: 't6',
        objective: 'test',
        boundaries: { scope: ['.'] },
        context: { root: `${project}src` },
      }),
    ).rejects.toMatchObject({
      rpcCode: -32001,
      message: expect.stringContaining('testCommand'),
    });
  });
});
