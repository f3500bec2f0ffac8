import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { axon, startAxon } from '../helpers/axon.js';

const project = fileURLToPath(new URL('../fixtures/project/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'axon-cli-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function workflow(name: string, testCommand: string, extra = ''): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    `name: ${name}
cortexDb: ${name}.db
agents:
  - name: Reviewer-1
    sample: reviewer
  - name: Tester-1
    sample: tester
tasks:
  - id: review
    agent: Reviewer-1
    objective: Review the project
    scope: [src]
    maxToolCalls: 15
    timeout: 60s
    priority: 7
    context: { root: ${project}, workspaceId: cli-test }
  - id: test
    agent: Tester-1
    objective: Run the tests
    scope: [test]
    timeout: 60s
    context: { root: ${project}, testCommand: ${testCommand}${extra} }
`,
  );
  return path;
}

describe('axon run', () => {
  it('runs every task, prints per-task progress as plain lines and a summary table, exits 0', async () => {
    const r = await axon(['run', workflow('ok.yaml', 'node test/run.mjs')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\] review \(Reviewer-1\): started/);
    expect(r.stderr).toMatch(/\] test \(Tester-1\): succeeded in /);
    expect(r.stdout).toMatch(/^task\s+agent\s+status\s+duration\s+tools\s+summary/m);
    expect(r.stdout).toMatch(/^review\s+Reviewer-1\s+succeeded .* 4 finding\(s\)/m);
    expect(r.stdout).toMatch(/^test\s+Tester-1\s+succeeded .*2 passed, 0 failed/m);
    expect(r.stdout).toMatch(/2 task\(s\): 2 succeeded, 0 failed/);
  });

  it('prints a machine-readable report with --json', async () => {
    const r = await axon(['run', workflow('json.yaml', 'node test/run.mjs'), '--json', '--quiet']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      success: boolean;
      tasks: Array<{ id: string; status: string; toolCalls: number; output: Record<string, unknown> }>;
      statistics: unknown;
    };
    expect(report.success).toBe(true);
    expect(report.tasks.map((t) => [t.id, t.status])).toEqual([
      ['review', 'succeeded'],
      ['test', 'succeeded'],
    ]);
    expect(report.tasks[0]?.toolCalls).toBe(5);
    expect(report.tasks[0]?.output.findings).toHaveLength(4);
    expect(report.statistics).toMatchObject({ totalTasksExecuted: expect.any(Number) });
    expect(r.stderr).toBe('');
  });

  it('exits 1 with one error line when a task fails', async () => {
    const r = await axon([
      'run',
      workflow('fail.yaml', 'node test/fail.mjs', ', failOnTestFailure: true'),
      '--json',
      '--quiet',
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      success: boolean;
      tasks: Array<{ id: string; status: string; errorCode?: string; summary: string }>;
    };
    expect(report.success).toBe(false);
    expect(report.tasks[1]).toMatchObject({
      id: 'test',
      status: 'failed',
      summary: expect.stringContaining('1 of 1 test(s) failed'),
    });
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^axon: TASKS_FAILED: 1 of 2 task\(s\) failed: test \(\w+\) \(hint: /),
    ]);
  });

  it('exits 3 naming the file, line and field of an invalid workflow, before starting anything', async () => {
    const path = join(dir, 'invalid.yaml');
    writeFileSync(
      path,
      'agents:\n  - name: A\n    sample: reviewer\ntasks:\n  - id: t\n    agent: A\n    objective: o\n    scope: [src]\n    priority: 11\n',
    );
    const r = await axon(['run', path]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toMatch(
      /^axon: INVALID_WORKFLOW: .*invalid\.yaml:9: tasks\[0\]\.priority: .*10.* \(hint: see docs\/cli\.md/,
    );
    expect(r.stdout).toBe('');
  });

  it('exits 4 naming the workflow agent whose command cannot start', async () => {
    const path = join(dir, 'badcmd.yaml');
    writeFileSync(
      path,
      'agents:\n  - name: Ghost-1\n    command: ./no-such-agent\ntasks:\n  - id: t\n    agent: Ghost-1\n    objective: o\n    scope: [src]\n',
    );
    const r = await axon(['run', path]);
    expect(r.code).toBe(4);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^axon: SPAWN_FAILED: agent "Ghost-1" \(agents\[0\] of .*badcmd\.yaml\) did not start: .*\(hint: /,
      ),
    ]);
  });

  it('shuts down gracefully on Ctrl-C: cancels the running task, prints the report, exits 130, leaves no process', async () => {
    const run = startAxon(['run', workflow('hang.yaml', 'node test/hang.mjs')]);
    await expect.poll(() => run.stderr(), { timeout: 20_000 }).toMatch(/test \(Tester-1\): 10% running/);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/SIGINT received, shutting down gracefully/);
    expect(r.stdout).toMatch(/^test\s+Tester-1\s+(cancelled|failed)/m);
    expect(r.stderr).toMatch(/axon: INTERRUPTED: /);
  });
});
