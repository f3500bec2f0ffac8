import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bwrapArgs, NetworkProxy, SandboxPolicySchema, sandboxSupport, type ProxyDecision } from '../../src/index.js';
import { runArgv } from '../helpers.js';

const probe = fileURLToPath(new URL('../fixtures/net-probe.mjs', import.meta.url));
let server: Server;
let port: number;
let workspace: string;

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'axon-net-'));
  server = createServer((_req, res) => res.end('GET-OK'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(workspace, { recursive: true, force: true });
});

describe('NetworkProxy in a sandbox', () => {
  it('reaches an allowed name, refuses others, and leaves no direct route', async (ctx) => {
    const support = await sandboxSupport();
    if (!support.available) ctx.skip();
    const policy = SandboxPolicySchema.parse({
      network: { allow: ['allowed.test'], ports: [port], hosts: { 'allowed.test': '127.0.0.1' } },
      filesystem: { read: [probe] },
    });
    const decisions: ProxyDecision[] = [];
    const proxy = await NetworkProxy.start({
      allowlist: policy.network === 'none' ? ctx.skip() : policy.network,
      onDecision: (d) => decisions.push(d),
    });
    try {
      const argv = bwrapArgs({
        bwrap: support.bwrap!,
        policy,
        cwd: workspace,
        argv: [
          process.execPath,
          probe,
          String(port),
          `allowed.test:${port}`,
          `denied.test:${port}`,
          `127.0.0.1:${port}`,
        ],
        fdLimit: null,
        maxProcesses: null,
        proxySocket: proxy.socketPath,
      });
      const r = await runArgv(argv, workspace);
      const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
      expect(out.direct).toBe('ECONNREFUSED');
      expect(out[`allowed.test:${port}`]).toBe('reached');
      expect(out[`denied.test:${port}`]).toMatch(/^HTTP\/1.1 403/);
      expect(out[`127.0.0.1:${port}`]).toMatch(/^HTTP\/1.1 403/);
      expect(decisions.map((d) => [d.host, d.allowed])).toEqual([
        ['allowed.test', true],
        ['denied.test', false],
        ['127.0.0.1', false],
      ]);
    } finally {
      await proxy.close();
    }
  });
});
