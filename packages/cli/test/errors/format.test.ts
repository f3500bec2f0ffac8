import { McpError } from '@axon/mcp';
import { describe, expect, it } from 'vitest';
import { CliError, isCliError } from '../../src/errors/cli-error.js';
import { formatError } from '../../src/errors/format.js';

describe('formatError', () => {
  it('prints a CliError as one line with its code and hint', () => {
    expect(formatError(new CliError('INVALID_WORKFLOW', 'a.yaml:3: tasks[0].id: bad\nmore', { hint: 'fix it' }))).toBe(
      'axon: INVALID_WORKFLOW: a.yaml:3: tasks[0].id: bad more (hint: fix it)',
    );
  });

  it('keeps the code of errors from the layers below and gives a hint for known ones', () => {
    const e = new McpError('MCP_START_FAILED', 'no server');
    expect(formatError(e)).toMatch(/^axon: MCP_START_FAILED: no server \(hint: run `axon doctor`/);
  });

  it('gives every other error the INTERNAL_ERROR code and a generic hint', () => {
    expect(formatError(new TypeError('x is undefined'))).toBe(
      'axon: INTERNAL_ERROR: x is undefined (hint: see docs/cli.md#errors-and-exit-codes; AXON_DEBUG=1 prints the stack)',
    );
  });
});

describe('CliError', () => {
  it('carries its exit code and is recognized across copies by its brand', () => {
    const e = new CliError('TASKS_FAILED', 'x');
    expect([e.exitCode, isCliError(e), isCliError(new Error('x')), isCliError({ code: 'TASKS_FAILED' })]).toEqual([
      1,
      true,
      false,
      false,
    ]);
  });
});
