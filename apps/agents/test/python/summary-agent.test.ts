import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pythonAgentPath } from '../../src/paths.js';
import { startAgent, startCortex, type AgentUnderTest, type CortexFixture } from '../helpers/harness.js';
import { hasPython } from '../helpers/python.js';

const project = fileURLToPath(new URL('../fixtures/project/', import.meta.url));

describe.runIf(hasPython)('python summary agent', () => {
  let cortex: CortexFixture;
  let agent: AgentUnderTest | undefined;
  beforeAll(() => {
    cortex = startCortex();
  });
  afterEach(async () => {
    await agent?.stop();
    agent = undefined;
  });
  afterAll(async () => {
    await cortex.close();
  });

  it('answers initialize with its capabilities and sends heartbeats', async () => {
    agent = await startAgent('python3', [pythonAgentPath], { cortex, heartbeatIntervalMs: 100 });
    expect(agent.init).toMatchObject({
      protocolVersion: '2026-11-01',
      agent: { name: 'summary-agent' },
      capabilities: ['Summarization', 'Analysis'],
    });
    await expect
      .poll(() => agent!.notifications.filter((n) => n.method === 'heartbeat').length)
      .toBeGreaterThanOrEqual(2);
    expect(agent.notifications.find((n) => n.method === 'heartbeat')?.params).toMatchObject({
      state: 'idle',
      timestamp: expect.any(Number),
    });
  });

  it('summarises the files in scope and stores the summary in Cortex through tools/call', async () => {
    agent = await startAgent('python3', [pythonAgentPath], { cortex });
    const result = await agent.execute({
      taskId: 't-1',
      objective: 'summarise',
      boundaries: { scope: ['src'], maxToolCalls: 5 },
      context: { root: project, workspaceId: 'py-test' },
      outputFormat: { requiredSections: ['files', 'verdict'] },
    });
    expect(result.output.files.map((f: { file: string }) => f.file)).toEqual(['src/greet.ts', 'src/secret.ts']);
    expect(result.output.totals.lines).toBe(8);
    expect(result.output.verdict).toBeNull();
    expect(result.output.stored).toMatchObject({ ok: true, result: { id: expect.any(String) } });
    expect(result.usage).toEqual({ tokensUsed: 0, costCents: 0 });
    expect(agent.toolCalls.map((c) => c.name)).toEqual(['cortex_store']);
    const found = await cortex.pool.callTool('test', {
      name: 'cortex_search',
      arguments: { query: 'Summary greet', workspaceId: 'py-test' },
    });
    expect((found.structuredContent as { results: unknown[] }).results).toHaveLength(1);
    expect(agent.notifications.some((n) => n.method === 'task/progress')).toBe(true);
  });

  it('answers a failed task with TASK_FAILED naming the bad path', async () => {
    agent = await startAgent('python3', [pythonAgentPath], { cortex });
    await expect(
      agent.execute({ taskId: 't-2', objective: 'x', boundaries: { scope: ['nope'] }, context: { root: project } }),
    ).rejects.toMatchObject({ rpcCode: -32001, message: expect.stringContaining('"nope"') });
  });

  it('stops a task on task/cancel and answers CANCELLED', async () => {
    agent = await startAgent('python3', [pythonAgentPath], { cortex });
    const running = agent.execute({
      taskId: 't-3',
      objective: 'x',
      boundaries: { scope: ['src'] },
      context: { root: project, delayMsPerFile: 30_000 },
    });
    await expect.poll(() => agent!.stderr()).toContain('initialized');
    agent.peer.notify('task/cancel', { taskId: 't-3', reason: 'test' });
    await expect(running).rejects.toMatchObject({
      rpcCode: -32002,
      data: { code: 'CANCELLED', taskId: 't-3', reason: 'test' },
    });
  });

  it('refuses a second task while busy with AGENT_BUSY', async () => {
    agent = await startAgent('python3', [pythonAgentPath], { cortex });
    const first = agent.execute({
      taskId: 't-4',
      objective: 'x',
      boundaries: { scope: ['src'] },
      context: { root: project, delayMsPerFile: 30_000 },
    });
    await expect(agent.execute({ taskId: 't-5', objective: 'y', context: { root: project } })).rejects.toMatchObject({
      rpcCode: -32003,
      data: { code: 'AGENT_BUSY', taskId: 't-4' },
    });
    agent.peer.notify('task/cancel', { taskId: 't-4' });
    await expect(first).rejects.toMatchObject({ rpcCode: -32002 });
  });

  it('answers shutdown and exits 0 when stdin closes', async () => {
    const a = await startAgent('python3', [pythonAgentPath], { cortex });
    await expect(a.peer.request('shutdown', {})).resolves.toEqual({});
    a.child.stdin.end();
    await expect(a.exited).resolves.toBe(0);
    a.peer.close();
  });

  it('exits on stdin EOF even in the middle of a task', async () => {
    const a = await startAgent('python3', [pythonAgentPath], { cortex });
    void a
      .execute({
        taskId: 't-6',
        objective: 'x',
        boundaries: { scope: ['src'] },
        context: { root: project, delayMsPerFile: 30_000 },
      })
      .catch(() => undefined);
    a.child.stdin.end();
    await expect(a.exited).resolves.toBe(0);
    a.peer.close();
  });

  it('refuses task/execute before initialize with -32600', async () => {
    const { spawn } = await import('node:child_process');
    const { JsonRpcPeer } = await import('@axon/agent');
    const child = spawn('python3', [pythonAgentPath], { stdio: ['pipe', 'pipe', 'ignore'] });
    const peer = new JsonRpcPeer({ input: child.stdout, output: child.stdin });
    try {
      await expect(
        peer.request('task/execute', { task: { taskId: 'x', objective: 'y' }, attempt: 1 }),
      ).rejects.toMatchObject({ rpcCode: -32600 });
    } finally {
      child.stdin.end();
      await new Promise((r) => child.on('exit', r));
      peer.close();
    }
  });

  it('answers unknown methods with -32601 and garbage with -32700, and keeps working', async () => {
    agent = await startAgent('python3', [pythonAgentPath], { cortex });
    await expect(agent.peer.request('nope', {})).rejects.toMatchObject({ rpcCode: -32601 });
    agent.child.stdin.write('this is not json\n');
    await expect(agent.peer.request('ping', {})).resolves.toMatchObject({ timestamp: expect.any(Number) });
  });
});
