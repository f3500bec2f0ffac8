import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCliError } from '../../src/errors/cli-error.js';
import { loadWorkflow } from '../../src/workflow/load.js';

const dir = mkdtempSync(join(tmpdir(), 'axon-cli-wf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(path: string): { code: string; message: string; data?: Record<string, unknown> } {
  try {
    loadWorkflow(path);
  } catch (error) {
    if (isCliError(error)) return error;
    throw error;
  }
  throw new Error('expected loadWorkflow to throw');
}

const VALID = `name: demo
agents:
  - name: Reviewer-1
    sample: reviewer
tasks:
  - id: review
    agent: Reviewer-1
    objective: Review it
    scope: [src]
    timeout: 90s
`;

describe('loadWorkflow', () => {
  it('reads a valid YAML workflow, applying defaults and parsing durations', () => {
    const { workflow, name, baseDir } = loadWorkflow(write('ok.yaml', VALID));
    expect(name).toBe('demo');
    expect(baseDir).toBe(dir);
    expect(workflow.tasks[0]).toMatchObject({ id: 'review', timeout: 90_000 });
    expect(workflow.agents[0]).toMatchObject({ sample: 'reviewer', args: [], env: {} });
  });

  it('reads JSON with the same schema', () => {
    const json = {
      agents: [{ name: 'A', command: 'node', args: ['a.js'] }],
      tasks: [{ id: 't', agent: 'A', objective: 'o', scope: ['.'] }],
    };
    expect(loadWorkflow(write('ok.json', JSON.stringify(json, null, 2))).workflow.agents[0]?.command).toBe('node');
  });

  it('names the line and field of a bad value', () => {
    const e = errorOf(write('bad-timeout.yaml', VALID.replace('timeout: 90s', 'timeout: soon')));
    expect(e.code).toBe('INVALID_WORKFLOW');
    expect(e.message).toMatch(/bad-timeout\.yaml:10: tasks\[0\]\.timeout: not a duration: "soon"/);
  });

  it('accepts every duration the runtime config accepts (one grammar: "1d", "1h30m", ms)', () => {
    for (const [text, ms] of [
      ['1d', 86_400_000],
      ['1h30m', 5_400_000],
      ['250ms', 250],
      ['1500', 1500],
    ] as const) {
      const loaded = loadWorkflow(write(`t-${text}.yaml`, VALID.replace('timeout: 90s', `timeout: "${text}"`)));
      expect(loaded.workflow.tasks[0]?.timeout).toBe(ms);
    }
    expect(errorOf(write('zero.yaml', VALID.replace('timeout: 90s', 'timeout: 0'))).message).toMatch(
      /tasks\[0\]\.timeout: /,
    );
  });

  it('names the line of an unknown agent reference', () => {
    const e = errorOf(write('bad-agent.yaml', VALID.replace('agent: Reviewer-1', 'agent: Nobody')));
    expect(e.message).toMatch(/:7: tasks\[0\]\.agent: unknown agent "Nobody" \(declared: Reviewer-1\)/);
  });

  it('names an unknown field and a missing one, with the line of their parent', () => {
    expect(
      errorOf(write('typo.yaml', VALID.replace('    scope: [src]', '    scope: [src]\n    prority: 3'))).message,
    ).toMatch(/:6: tasks\[0\]: Unrecognized key: "prority"/);
    expect(errorOf(write('missing.yaml', VALID.replace('    objective: Review it\n', ''))).message).toMatch(
      /:6: tasks\[0\]\.objective: /,
    );
  });

  it('refuses an agent with both or neither of sample and command', () => {
    expect(
      errorOf(write('both.yaml', VALID.replace('sample: reviewer', 'sample: reviewer\n    command: node'))).message,
    ).toMatch(/:3: agents\[0\]: give exactly one of "sample"/);
  });

  it('reports YAML syntax errors with their line', () => {
    const e = errorOf(write('syntax.yaml', 'agents:\n  - name: [unclosed\ntasks: []\n'));
    expect(e.code).toBe('INVALID_WORKFLOW');
    expect(e.message).toMatch(/syntax\.yaml:\d+: /);
  });

  it('says FILE_NOT_FOUND for a missing file', () => {
    expect(errorOf(join(dir, 'nope.yaml')).code).toBe('FILE_NOT_FOUND');
  });
});
