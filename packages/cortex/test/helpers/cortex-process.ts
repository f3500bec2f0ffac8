import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach } from 'vitest';
import { cortexBinPath } from '../../src/index.js';

/** A real `cortex mcp stdio` process with a connected SDK client. */
export interface CortexProcess {
  client: Client;
  transport: StdioClientTransport;
  pid: number;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Calls a tool, returning the raw result. */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** Calls a tool that must succeed, returning its structuredContent. */
  ok<T = Record<string, unknown>>(name: string, args: Record<string, unknown>): Promise<T>;
}

const live = new Set<CortexProcess>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `pid` is gone; true if it went within `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

// client.close() only signals the direct child; make sure no server outlives its test.
afterEach(async () => {
  for (const p of live) {
    await p.client.close().catch(() => {});
    if (!(await waitForExit(p.pid, 3000))) process.kill(p.pid, 'SIGKILL');
    await waitForExit(p.pid, 3000);
  }
  live.clear();
});

/** Starts the built Cortex binary on `dbPath` (or the given args/env) and connects an SDK client. */
export async function startCortex(options: {
  dbPath?: string;
  args?: string[];
  env?: Record<string, string>;
  /** A command line that runs Node in some other setting (e.g. `['unshare', '-m', 'sh', '-c', '…', 'sh']`). */
  wrap?: string[];
}): Promise<CortexProcess> {
  const args = [
    cortexBinPath,
    'mcp',
    'stdio',
    ...(options.dbPath ? ['--db', options.dbPath] : []),
    ...(options.args ?? []),
  ];
  const wrap = options.wrap ?? [];
  const transport = new StdioClientTransport({
    command: wrap[0] ?? process.execPath,
    args: wrap.length > 0 ? [...wrap.slice(1), process.execPath, ...args] : args,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'cortex-test', version: '0.0.0' });
  await client.connect(transport);
  const call = async (name: string, a: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: a })) as CallToolResult;
  const proc: CortexProcess = {
    client,
    transport,
    pid: transport.pid!,
    stderr: () => stderr,
    call,
    async ok(name, a) {
      const result = await call(name, a);
      if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
      return result.structuredContent as never;
    },
  };
  live.add(proc);
  return proc;
}

/** The text of a tool result's first content block. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? first.text : '';
}
