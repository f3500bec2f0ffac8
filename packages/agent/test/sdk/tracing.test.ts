import { afterEach, describe, expect, it } from 'vitest';
import type { TaskExecuteResult } from '../../src/index.js';
import { killAllAgents, spawnAgent } from './spawn-agent.js';

afterEach(killAllAgents);

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('runAgent and OpenTelemetry', () => {
  it("runs execute inside the runtime's trace when the task carries trace headers (the API loads on first use)", async () => {
    const a = spawnAgent('traced-agent.mjs');
    await a.initialize();
    const traced = await a.peer.request<TaskExecuteResult>('task/execute', {
      task: { taskId: 't1', objective: 'x' },
      attempt: 1,
      trace: { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` },
    });
    expect(traced.output).toEqual({ traceId: TRACE_ID });
    const untraced = await a.peer.request<TaskExecuteResult>('task/execute', {
      task: { taskId: 't2', objective: 'x' },
      attempt: 1,
    });
    expect(untraced.output).toEqual({ traceId: null });
  });
});
