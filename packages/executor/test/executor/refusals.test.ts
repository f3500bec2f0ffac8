import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ToolCallAuditRecord } from '../../src/audit/record.js';
import { createHarness, rejectionOf, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const auditLines = (dir: string): ToolCallAuditRecord[] =>
  readFileSync(join(dir, 'audit.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as ToolCallAuditRecord);

describe('AgentExecutor refused tool calls', () => {
  it('fails a task whose refused calls pass the allowance with TOOL_REFUSAL_LIMIT, stops the agent and keeps the audit', async () => {
    h = await createHarness({ auditFile: true, maxRefusedToolCalls: 20 });
    const agentId = await h.agent('greedy');
    const err = await rejectionOf(
      h.executor.executeTask(agentId, {
        taskId: 'flood',
        objective: 'flood refused calls',
        boundaries: { scope: ['x'], maxToolCalls: 1 },
        context: { tool: 'cortex_search', calls: 1100, args: { query: 'anything' } },
      }),
    );
    expect(err).toMatchObject({ code: 'TOOL_REFUSAL_LIMIT', data: { maxRefusedToolCalls: 20 } });
    // 21 tripped it; calls already on the wire while the agent was being stopped are counted too, not written.
    expect(err.data?.refusedToolCalls).toBeGreaterThanOrEqual(21);
    expect(err.data?.suppressedFromAudit).toBe((err.data?.refusedToolCalls as number) - 21);
    expect(h.pm.isAlive(agentId)).toBe(false);
    await h.executor.close();
    const audit = auditLines(h.dir);
    // The served call, then the refusals up to the one that tripped the allowance: nothing earlier lost.
    expect(audit.map((r) => r.outcome)).toEqual(['ok', ...Array<string>(21).fill('budget_exceeded')]);
    expect(audit.every((r) => r.taskId === 'flood' && r.agentId === agentId)).toBe(true);
  });

  it('audits wrong-task, malformed, too-deep and oversized attempts and counts them as refused', async () => {
    h = await createHarness({ auditFile: true, processManager: { maxLineLength: 256 * 1024 } });
    const agentId = await h.agent('raw');
    const r = await h.executor.executeTask(agentId, {
      taskId: 'raw-1',
      objective: 'send bad frames',
      boundaries: { scope: ['x'] },
      context: { frames: ['wrong-task', 'malformed', 'deep', 'oversized'], bytes: 512 * 1024 },
    });
    expect(r.output).toBe('ok');
    expect(r.refusedToolCalls).toBe(4);
    await h.executor.close();
    const audit = auditLines(h.dir);
    expect(audit.map((a) => a.outcome)).toEqual(['wrong_task', 'malformed', 'too_deep', 'oversized', 'ok']);
    expect(audit[0]).toMatchObject({ taskId: 'raw-1', claimedTaskId: 'someone-else', errorCode: 'INVALID_PARAMS' });
    expect(audit[2]).toMatchObject({ tool: 'cortex_search', errorCode: 'INVALID_PARAMS' });
    expect(audit[3]).toMatchObject({ errorCode: 'FRAME_TOO_LARGE' });
    expect(audit[3]?.detail).toContain('maxLineLength');
  });

  it('fails the task when rejected frames pass the allowance', async () => {
    h = await createHarness({ auditFile: true, maxRefusedToolCalls: 2 });
    const agentId = await h.agent('raw');
    const err = await rejectionOf(
      h.executor.executeTask(agentId, {
        taskId: 'raw-2',
        objective: 'send many bad frames',
        boundaries: { scope: ['x'] },
        context: { frames: Array<string>(50).fill('malformed') },
      }),
    );
    expect(err.code).toBe('TOOL_REFUSAL_LIMIT');
    await h.executor.close();
    // The allowance of 2, then the one that tripped it; the rest were counted, not audited. The closing proper
    // call may have been in flight when the agent was stopped (audited `cancelled`).
    const outcomes = auditLines(h.dir).map((a) => a.outcome);
    expect(outcomes.slice(0, 3)).toEqual(['malformed', 'malformed', 'malformed']);
    expect(outcomes.slice(3).every((o) => o === 'cancelled')).toBe(true);
  });
});
