import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskDelegation } from '../../src/delegation/task-delegation.js';
import { createHarness, rejectionOf, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('AgentExecutor', () => {
  describe('executeTask', () => {
    it('runs a task whose agent stores and searches real Cortex memories, and audits every call', async () => {
      h = await createHarness({ auditFile: true });
      const agentId = await h.agent('cortex');
      const task = TaskDelegation.research()
        .objective('Remember the deploy window and find it again')
        .addScope('ops')
        .allowTool('cortex_store', 'cortex_search')
        .context({ text: 'The deploy window is Thursday 14:00 UTC', query: 'deploy window' })
        .build();

      const result = await h.executor.executeTask(agentId, task);

      expect(result.attempt).toBe(1);
      expect(result.workerId).toBe(agentId);
      expect(result.task.taskId).toBe(task.taskId);
      expect(result.attempt).toBe(1);
      expect(result.toolCalls).toBe(2);
      expect(result.refusedToolCalls).toBe(0);
      expect(result.tokensUsed).toBe(120);
      expect(result.costCents).toBe(1.25);
      expect(result.completedAt).toBeInstanceOf(Date);
      expect(result.durationMs).toBeGreaterThan(0);
      const output = result.output as {
        tools: string[];
        stored: { structuredContent: { id: string } };
        found: { structuredContent: { results: Array<{ id: string; snippet: string }> } };
      };
      // tools/list shows only what the delegation allows
      expect(output.tools).toEqual(['cortex_search', 'cortex_store']);
      const storedId = output.stored.structuredContent.id;
      expect(output.found.structuredContent.results.map((r) => r.id)).toContain(storedId);

      const calls = h.events.filter((e) => e.type === 'tool-call');
      expect(calls.map((c) => [c.tool, c.outcome, c.agentId, c.taskId])).toEqual([
        ['cortex_store', 'ok', agentId, task.taskId],
        ['cortex_search', 'ok', agentId, task.taskId],
      ]);
      for (const c of calls) expect(c.argsDigest).toMatch(/^sha256:[0-9a-f]{64}$/);

      expect(h.events.find((e) => e.type === 'task-progress')).toMatchObject({
        agentId,
        taskId: task.taskId,
        progress: 0.5,
        message: 'stored',
      });

      await h.executor.close();
      const lines = readFileSync(join(h.dir, 'audit.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => l.tool)).toEqual(['cortex_store', 'cortex_search']);
      expect(JSON.stringify(lines)).not.toContain('Thursday'); // a digest, never the arguments
      expect(h.pm.get(agentId)?.state).toBe('idle');
    });

    it('reports no tokens or cost when the agent reports none', async () => {
      h = await createHarness();
      const agentId = await h.agent('noop');
      const result = await h.executor.executeTask(agentId, { objective: 'nothing', boundaries: { scope: ['x'] } });
      expect(result.output).toBe('done');
      expect(result).not.toHaveProperty('tokensUsed');
      expect(result).not.toHaveProperty('costCents');
    });

    it('hands the agent the whole delegation and runs the next task on the same agent', async () => {
      h = await createHarness();
      const agentId = await h.agent('echo');
      const first = await h.executor.executeTask(agentId, {
        objective: 'one',
        boundaries: { scope: ['x'] },
        context: { n: 1 },
      });
      const second = await h.executor.executeTask(agentId, {
        objective: 'two',
        boundaries: { scope: ['x'] },
        context: { n: 2 },
      });
      expect(first.output).toEqual({ objective: 'one', context: { n: 1 } });
      expect(second.output).toEqual({ objective: 'two', context: { n: 2 } });
      const types = h.events.map((e) => e.type);
      expect(types.filter((t) => t === 'task-started')).toHaveLength(2);
      expect(types.filter((t) => t === 'task-completed')).toHaveLength(2);
    });

    it('fails with TASK_FAILED carrying the agent error when the agent throws', async () => {
      h = await createHarness();
      const agentId = await h.agent('fail');
      const err = await rejectionOf(h.executor.executeTask(agentId, { objective: 'x', boundaries: { scope: ['x'] } }));
      expect(err.code).toBe('TASK_FAILED');
      expect(err.message).toContain('could not do it');
      expect(h.pm.get(agentId)?.state).toBe('idle');
    });

    it('hands a given checkpoint to a retried attempt', async () => {
      h = await createHarness();
      const agentId = await h.agent('resume');
      const r = await h.executor.executeTask(
        agentId,
        { objective: 'x', boundaries: { scope: ['x'] } },
        { attempt: 2, checkpoint: { step: 5 } },
      );
      expect(r.attempt).toBe(2);
      expect(r.output).toEqual({ resumedFrom: { step: 5 } });
    });
  });
});
