import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AAP_PROTOCOL_VERSION, JsonRpcPeer } from '@axon/agent';
import { cortexBinPath } from '@axon/cortex';
import { McpServerPool } from '@axon/mcp';

// Agent outputs are free JSON; tests navigate them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;

/** A real Cortex (temporary database) behind a real MCP pool. */
export interface CortexFixture {
  pool: McpServerPool;
  dbDir: string;
  close(): Promise<void>;
}

/** Starts a shared-mode pool on a fresh Cortex database. */
export function startCortex(): CortexFixture {
  const dbDir = mkdtempSync(join(tmpdir(), 'axon-agents-test-'));
  const pool = new McpServerPool({
    cortexBinaryPath: cortexBinPath,
    cortexEnv: { CORTEX_DB: join(dbDir, 'cortex.db') },
    mode: 'shared',
  });
  return {
    pool,
    dbDir,
    async close() {
      await pool.shutdownAll();
      rmSync(dbDir, { recursive: true, force: true });
    },
  };
}

/** An agent process driven over its pipes the way the runtime drives it (no ProcessManager). */
export interface AgentUnderTest {
  child: ChildProcessWithoutNullStreams;
  peer: JsonRpcPeer;
  /** The `initialize` answer. */
  init: { protocolVersion: string; agent: { name: string; version?: string }; capabilities: string[] };
  /** Notifications received, in order. */
  notifications: Array<{ method: string; params: unknown }>;
  /** Tool calls the agent made. */
  toolCalls: Array<{ name: string; arguments?: Record<string, unknown> }>;
  /** stderr so far. */
  stderr(): string;
  /** Resolves with the exit code once the process exited. */
  exited: Promise<number | null>;
  execute(task: Record<string, unknown>, opts?: { timeout?: number }): Promise<{ output: AnyJson; usage?: AnyJson }>;
  /** `shutdown`, close stdin, wait for exit (kills after 5 s). */
  stop(): Promise<number | null>;
}

/** Spawns an agent, answers its `tools/call` through the Cortex pool, completes `initialize`. */
export async function startAgent(
  command: string,
  args: string[],
  opts: { cwd?: string; cortex?: CortexFixture; heartbeatIntervalMs?: number } = {},
): Promise<AgentUnderTest> {
  const child = spawn(command, args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const peer = new JsonRpcPeer({ input: child.stdout, output: child.stdin, name: 'agent-under-test' });
  const notifications: AgentUnderTest['notifications'] = [];
  const toolCalls: AgentUnderTest['toolCalls'] = [];
  for (const method of ['heartbeat', 'task/progress', 'task/checkpoint', 'log']) {
    peer.onNotification(method, (params) => void notifications.push({ method, params }));
  }
  peer.onRequest('tools/list', async () => ({
    tools: opts.cortex ? (await opts.cortex.pool.listTools('test')).tools : [],
  }));
  peer.onRequest('tools/call', async (params) => {
    const call = params as { name: string; arguments?: Record<string, unknown> };
    toolCalls.push({ name: call.name, arguments: call.arguments });
    if (!opts.cortex) throw new Error('no Cortex in this test');
    return opts.cortex.pool.callTool('test', { name: call.name, arguments: call.arguments ?? {} });
  });
  const init = await peer.request<AgentUnderTest['init']>(
    'initialize',
    {
      protocolVersion: AAP_PROTOCOL_VERSION,
      agent: { id: 'agent-1', name: 'Agent-1', type: 'sample' },
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 200,
    },
    { timeout: 10_000 },
  );
  return {
    child,
    peer,
    init,
    notifications,
    toolCalls,
    stderr: () => stderr,
    exited,
    execute: (task, o) => peer.request('task/execute', { task, attempt: 1 }, { timeout: o?.timeout ?? 20_000 }),
    async stop() {
      if (child.exitCode === null) {
        await peer.request('shutdown', {}, { timeout: 5_000 }).catch(() => undefined);
        child.stdin.end();
      }
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const code = await exited;
      clearTimeout(killer);
      peer.close();
      return code;
    },
  };
}
