import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxSupport } from '@axon/sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import { agentSpec, manager } from '../helpers.js';

// The agent's code and its node_modules (pnpm links into the repository) must be visible inside.
const repo = fileURLToPath(new URL('../../../..', import.meta.url)).replace(/\/$/, '');
const workspace = mkdtempSync(join(tmpdir(), 'axon-pm-sbx-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('ProcessManager › sandbox', () => {
  it('runs a sandboxed agent to Ready and reports what contains it', async (ctx) => {
    if (!(await sandboxSupport()).available) ctx.skip();
    const pm = manager();
    const h = await pm.spawn(
      agentSpec('well-behaved.mjs', {
        cwd: workspace,
        sandbox: { filesystem: { read: [repo] } },
        limits: { maxProcesses: 64 },
      }),
    );
    expect(h.isolation).toMatchObject({
      level: 'full',
      pidNamespace: 'user',
      parentDeathSignal: true,
      sandbox: { network: 'none', uid: 65534, read: [repo], write: [workspace] },
    });
    expect(h.isolation.enforcement.processes).toMatch(/^kernel: /);
    expect(await h.peer.request('task/execute', { task: { taskId: 't1', objective: 'hi' }, attempt: 1 })).toMatchObject(
      {
        output: { output: 'hi' },
      },
    );
    expect(pm.get(h.id)?.pid).toBeGreaterThan(0);
    expect(await pm.terminate(h.id)).toMatchObject({ exitCode: 0 });
  });

  it('refuses a sandboxed spawn with SANDBOX_UNAVAILABLE naming what is missing when bubblewrap is absent', async (ctx) => {
    if (process.platform !== 'linux') ctx.skip();
    // A runtime whose PATH has no bwrap: the probe finds it missing and the spawn must fail, not run unsandboxed.
    const script = `
      import { ProcessManager } from '@axon/process';
      const pm = new ProcessManager({ sandbox: true });
      try {
        await pm.spawn({ name: 'x', type: 'x', command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] });
        console.log(JSON.stringify({ spawned: true }));
      } catch (e) {
        console.log(JSON.stringify({ code: e.code, message: e.message }));
      } finally {
        await pm.close({ gracePeriod: 100 });
      }`;
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--input-type=module', '-e', script],
        { cwd: fileURLToPath(new URL('../..', import.meta.url)), env: { PATH: '/nonexistent' } },
        (err, stdout) => (err ? reject(new Error(err.message)) : resolve(stdout)),
      ),
    );
    const r = JSON.parse(out.trim());
    expect(r.code).toBe('SANDBOX_UNAVAILABLE');
    expect(r.message).toMatch(/bubblewrap \(`bwrap`\) is not installed/);
  });
});
