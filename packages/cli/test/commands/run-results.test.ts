import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { axon } from '../helpers/axon.js';

// A user's project in a scratch directory outside the workspace: its own sources and tests, no node_modules.
const fixture = fileURLToPath(new URL('../fixtures/project/', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'axon-cli-results-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

// Several runs of the real CLI per test, each spawning agents and Cortex: generous on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

interface Report {
  success: boolean;
  configFile?: string;
  logDir?: string;
  logs?: Array<{ agent: string; level?: string; line: string }>;
  tasks: Array<{
    id: string;
    status: string;
    durationMs: number;
    summary: string;
    errorCode?: string;
    stderrTail?: string[];
    logFile?: string;
  }>;
  statistics: unknown;
}

/** A scratch project with a workflow whose tester runs `testCommand`; returns its folder. */
function project(name: string, testCommand: string, extra = ''): string {
  const dir = join(home, name);
  cpSync(fixture, join(dir, 'proj'), { recursive: true });
  writeFileSync(
    join(dir, 'flow.yaml'),
    `name: ${name}
cortexDb: cortex.db
agents:
  - name: Tester-1
    sample: tester
tasks:
  - id: test
    agent: Tester-1
    objective: Run the tests
    scope: [test]
    timeout: 1d
    context: { root: proj, testCommand: ${testCommand} }
${extra}`,
  );
  return dir;
}

const lastJson = (stdout: string): Report => JSON.parse(stdout) as Report;

describe('axon run (results that do not lie)', () => {
  it('fails a task whose tests fail: exit 1, a real duration, the agent named, its stderr tail and log file', async () => {
    const cwd = project('failing', 'node test/fail.mjs');
    const r = await axon(['run', 'flow.yaml', '--json', '--quiet'], { cwd });
    expect(r.code).toBe(1);
    const report = lastJson(r.stdout);
    const [task] = report.tasks;
    expect(report.success).toBe(false);
    expect(task).toMatchObject({ id: 'test', status: 'failed', errorCode: 'TASK_FAILED' });
    expect(task?.summary).toMatch(/^node test\/fail\.mjs: 1 of 1 test\(s\) failed \(exit code 1\)/);
    expect(task?.durationMs).toBeGreaterThan(0);
    expect(task?.stderrTail?.join('\n')).toContain('not ok 1 - breaks');
    expect(readFileSync(task!.logFile!, 'utf8')).toContain('not ok 1 - breaks');
    expect(JSON.stringify(report.tasks) + r.stderr).not.toMatch(UUID);
    const text = await axon(['run', 'flow.yaml'], { cwd });
    expect(text.stdout + text.stderr).not.toMatch(UUID);
  });

  it('fails a task whose test command cannot even start its tests, saying why', async () => {
    const cwd = project('unstartable', 'node test/needs-typescript.mjs');
    writeFileSync(
      join(cwd, 'proj', 'test', 'needs-typescript.mjs'),
      "import { createRequire } from 'node:module';\ncreateRequire(import.meta.url)('typescript');\n",
    );
    const r = await axon(['run', 'flow.yaml'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^test\s+Tester-1\s+failed\s+\d/m);
    expect(r.stdout).toMatch(/no test result was reported .*Cannot find module 'typescript'/);
    expect(r.stdout).toMatch(/last lines of Tester-1's stderr:/);
    expect(r.stdout).not.toMatch(/\s0ms\s/);
  });

  it('shows what agents write with --verbose, and keeps it as records in --json', async () => {
    const cwd = project('verbose', 'node test/fail.mjs');
    const plain = await axon(['run', 'flow.yaml', '--verbose'], { cwd });
    expect(plain.stderr).toMatch(/\] Tester-1: \[warn\] node test\/fail\.mjs: not ok 1 - breaks/);
    const json = await axon(['run', 'flow.yaml', '--verbose', '--json', '--quiet'], { cwd });
    const report = lastJson(json.stdout);
    expect(report.logs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agent: 'Tester-1', level: 'warn', line: expect.stringContaining('breaks') }),
      ]),
    );
  });

  it('prints rounded numbers in --json', async () => {
    const cwd = project('rounded', 'node test/run.mjs');
    const r = await axon(['run', 'flow.yaml', '--json', '--quiet'], { cwd });
    expect(r.code).toBe(0);
    // No float with more than three decimals anywhere in the report.
    expect(r.stdout).not.toMatch(/\d\.\d{4,}/);
  });
});

describe('axon run (config, options and errors before anything starts)', () => {
  it('refuses an invalid ./axon.config.yaml like `config validate` does, before spawning', async () => {
    const cwd = project('badconfig', 'node test/run.mjs');
    writeFileSync(join(cwd, 'axon.config.yaml'), 'process:\n  maxConcurrentProcesses: lots\n');
    const r = await axon(['run', 'flow.yaml'], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^axon: INVALID_CONFIG: .*process\.maxConcurrentProcesses/m);
    expect(r.stderr).not.toMatch(/started/);
    expect(existsSync(join(cwd, 'cortex.db'))).toBe(false);
  });

  it('resolves --config and AXON_CONFIG against the working directory, not the workflow folder', async () => {
    const cwd = project('configpath', 'node test/run.mjs');
    mkdirSync(join(cwd, 'flows'));
    cpSync(join(cwd, 'flow.yaml'), join(cwd, 'flows', 'flow.yaml'));
    writeFileSync(
      join(cwd, 'flows', 'flow.yaml'),
      readFileSync(join(cwd, 'flow.yaml'), 'utf8').replace('root: proj', 'root: ../proj'),
    );
    writeFileSync(join(cwd, 'mine.yaml'), 'recovery:\n  taskMaxAttempts: 1\n');
    const flag = await axon(['run', 'flows/flow.yaml', '--config', 'mine.yaml', '--json', '--quiet'], { cwd });
    expect(flag.code).toBe(0);
    expect(lastJson(flag.stdout).configFile).toBe(join(cwd, 'mine.yaml'));
    const env = await axon(['run', 'flows/flow.yaml', '--json', '--quiet'], { cwd, env: { AXON_CONFIG: 'mine.yaml' } });
    expect(env.code).toBe(0);
    expect(lastJson(env.stdout).configFile).toBe(join(cwd, 'mine.yaml'));
    const validate = await axon(['config', 'validate'], { cwd, env: { AXON_CONFIG: 'mine.yaml' } });
    expect(validate.stdout.trim()).toBe(`valid: ${join(cwd, 'mine.yaml')}`);
  });

  it.each([
    [['--max-parallel', '-3'], /--max-parallel must be an integer from 1 to 1000, got "-3"/],
    [['--max-parallel', '0'], /--max-parallel must be an integer from 1 to 1000, got "0"/],
  ])('exits 2 on %j before spawning anything', async (args, message) => {
    const cwd = project(`opt${args[1]}`, 'node test/run.mjs');
    const r = await axon(['run', 'flow.yaml', ...args], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(message);
    expect(existsSync(join(cwd, 'cortex.db'))).toBe(false);
  });

  it('prints exactly one JSON document with --json, also for an invalid workflow and an agent that cannot start', async () => {
    const cwd = project('jsonerrors', 'node test/run.mjs');
    writeFileSync(join(cwd, 'invalid.yaml'), 'agents: []\ntasks: []\n');
    const invalid = await axon(['run', 'invalid.yaml', '--json'], { cwd });
    expect(invalid.code).toBe(3);
    expect(JSON.parse(invalid.stdout)).toMatchObject({
      success: false,
      error: { code: 'INVALID_WORKFLOW', exitCode: 3 },
    });
    writeFileSync(
      join(cwd, 'ghost.yaml'),
      'agents:\n  - name: Ghost-1\n    command: ./no-such-agent\ntasks:\n  - id: t\n    agent: Ghost-1\n    objective: o\n    scope: [src]\n',
    );
    const ghost = await axon(['run', 'ghost.yaml', '--json', '--quiet'], { cwd });
    expect(ghost.code).toBe(4);
    expect(JSON.parse(ghost.stdout)).toMatchObject({
      success: false,
      error: { code: 'SPAWN_FAILED', message: expect.stringContaining('agent "Ghost-1"') },
    });
    const usage = await axon(['run', 'flow.yaml', '--json', '--max-parallel', 'x'], { cwd });
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ success: false, error: { code: 'USAGE' } });
  });
});
