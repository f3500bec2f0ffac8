import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SandboxPolicySchema, sandboxSupport } from '@axon/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessTransport } from '../../src/transport/process-transport.js';
import { buildServerEnv } from '../../src/transport/env.js';
import { alive, echoServer, until } from '../helpers.js';

let t: ProcessTransport | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('ProcessTransport', () => {
  it('drains a flood of stderr into a bounded buffer while the server keeps answering', async () => {
    t = new ProcessTransport({
      command: process.execPath,
      args: [echoServer],
      env: buildServerEnv(['PATH'], {}),
      stderrBufferSize: 4096,
    });
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const client = new Client({ name: 't', version: '1' });
    await client.connect(t);
    await client.callTool({ name: 'log', arguments: { lines: 5000 } });
    const r = await client.callTool({ name: 'echo', arguments: { text: 'still here' } });
    expect((r.content as Array<{ text: string }>)[0]?.text).toBe('still here');
    expect(t.stderr.text().length).toBeLessThanOrEqual(4096);
    expect(t.stderr.dropped).toBeGreaterThan(0);
  });

  it('runs the server in its own process group and closes by ending stdin', async () => {
    t = new ProcessTransport({ command: process.execPath, args: [echoServer], env: {}, gracePeriod: 10_000 });
    let closed = false;
    t.onclose = () => (closed = true);
    await t.start();
    const pid = t.pid!;
    expect(alive(-pid)).toBe(true); // the group exists: pid is its leader
    await t.close();
    expect(closed).toBe(true);
    expect(t.exit).toMatchObject({ exitCode: 0 });
    await until(() => !alive(pid), 2000, 'exit');
  });

  it('escalates to SIGTERM of the group when stdin closing is ignored', async () => {
    t = new ProcessTransport({
      command: process.execPath,
      args: ['-e', 'process.stdin.resume(); process.stdin.on("end", () => {}); setInterval(() => {}, 1000)'],
      env: {},
      gracePeriod: 200,
    });
    await t.start();
    await t.close();
    expect(t.exit?.signal).toBe('SIGTERM');
  });

  it('rejects start when the command does not exist', async () => {
    const bad = new ProcessTransport({ command: '/nonexistent/server', env: {} });
    await expect(bad.start()).rejects.toThrow(/ENOENT/);
  });
});

describe('ProcessTransport › sandbox', () => {
  it('serves from inside a bubblewrap sandbox when given a policy', async (ctx) => {
    if (!(await sandboxSupport()).available) ctx.skip();
    const repo = fileURLToPath(new URL('../../../..', import.meta.url)).replace(/\/$/, '');
    t = new ProcessTransport({
      command: process.execPath,
      args: [echoServer],
      env: buildServerEnv(['PATH'], {}),
      sandbox: SandboxPolicySchema.parse({ filesystem: { read: [repo], workspace: 'read' } }),
      cwd: tmpdir(),
    });
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const client = new Client({ name: 't', version: '1' });
    await client.connect(t);
    const r = await client.callTool({ name: 'echo', arguments: { text: 'sandboxed' } });
    expect((r.content as Array<{ text: string }>)[0]?.text).toBe('sandboxed');
  });
});
