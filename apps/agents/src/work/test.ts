import { parseDuration } from '@axon/agent';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTestOutput, type TestCounts } from '../testing/parse.js';
import { runCommand } from '../testing/run.js';
import { buildOutput, type AgentOutput } from '../task/output.js';
import { readContext, type SampleTask } from '../task/task.js';
import { NO_USAGE, type WorkContext, type WorkResult } from './context.js';

/** The test command of a folder when the task names none: `node test/run.mjs`, else `npm test` with a test script. */
export function detectTestCommand(root: string): string | undefined {
  if (existsSync(join(root, 'test', 'run.mjs'))) return 'node test/run.mjs';
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: { test?: unknown } };
    if (typeof pkg.scripts?.test === 'string') return 'npm test --silent';
  } catch {
    /* no package.json */
  }
  return undefined;
}

// The last line that says something (e.g. `Error: Cannot find module 'typescript'`), for the error message.
function lastWords(output: string): string | undefined {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(at |#|\^|node:internal|Node\.js v)/.test(l));
  const error = lines.find((l) => /^\w*Error\b|^Error:/.test(l));
  const line = error ?? lines[lines.length - 1];
  return line && line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function failureMessage(command: string, counts: TestCounts, exitCode: number | null, output: string): string {
  const said = lastWords(output);
  const ran =
    counts.total > 0
      ? `${counts.failed} of ${counts.total} test(s) failed`
      : 'no test result was reported (the command may not have started its tests)';
  return `${command}: ${ran} (exit code ${exitCode ?? 'none'})${said ? `: ${said}` : ''}`;
}

/** Margin left before the task's own deadline so that the tester can still answer, ms. */
const DEADLINE_MARGIN_MS = 2_000;

/**
 * The tester's task: runs the test command from the task's context (`context.testCommand`, else
 * {@link detectTestCommand}) in the task's root, stopped at the task's timeout (less a margin) or on cancellation,
 * and reports pass/fail counts parsed from its output. A command that cannot start, times out, is cancelled,
 * exits non-zero or reports failing tests fails the task (the error names the counts and the output's last line);
 * with `context.failOnTestFailure: false` failing tests are reported in a successful output instead.
 */
export async function testTask(task: SampleTask, ctx: WorkContext): Promise<WorkResult<AgentOutput>> {
  const context = readContext(task, ctx.cwd);
  const command = context.testCommand ?? detectTestCommand(context.root);
  if (!command) {
    throw new Error(
      `task context has no testCommand (e.g. {"testCommand":"node test/run.mjs"}) and ${context.root} has no test/run.mjs nor package.json test script`,
    );
  }
  const deadline = parseDuration(task.boundaries?.timeout) ?? 60_000;
  const timeout = Math.max(1_000, deadline - DEADLINE_MARGIN_MS);
  ctx.progress(0.1, `running ${command}`);
  const run = await runCommand(command, { cwd: context.root, timeout, signal: ctx.signal });
  if (run.cancelled) throw Object.assign(new Error('test command cancelled'), { name: 'AbortError' });
  if (run.timedOut) throw new Error(`test command timed out after ${timeout} ms: ${command}`);
  const counts = parseTestOutput(run.output);
  const status = run.exitCode === 0 && counts.failed === 0 ? 'passed' : 'failed';
  const outputTail = run.output.split('\n').slice(-20).join('\n');
  if (status === 'failed') {
    // The command's own words go to the agent's log (stderr), where the runtime shows them next to the task.
    for (const line of outputTail
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(-10))
      ctx.log('warn', `${command}: ${line}`);
  }
  if (status === 'failed' && context.failOnTestFailure) {
    throw Object.assign(new Error(failureMessage(command, counts, run.exitCode, run.output)), {
      data: { command, counts, exitCode: run.exitCode, outputTail },
    });
  }
  const failures = [...run.output.matchAll(/^not ok \d+ - (.*)$/gm)].map((m) => m[1]);
  const output = buildOutput(
    'tester',
    `${command}: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''} (exit code ${run.exitCode}).`,
    {
      status,
      command,
      counts,
      failures,
      outputTail,
    },
    {
      passed: counts.passed,
      failed: counts.failed,
      skipped: counts.skipped,
      exitCode: run.exitCode ?? -1,
      durationMs: run.durationMs,
    },
    task.outputFormat?.requiredSections,
  );
  return { output, usage: NO_USAGE };
}
