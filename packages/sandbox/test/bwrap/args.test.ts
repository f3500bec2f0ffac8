import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bwrapArgs, sandboxSupport, SandboxPolicySchema } from '../../src/index.js';
import { runArgv } from '../helpers.js';

let root: string;
let workspace: string;
let secret: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'axon-sbx-'));
  workspace = join(root, 'ws');
  secret = join(root, 'secret.txt');
  writeFileSync(secret, 'TOP-SECRET');
  rmSync(workspace, { force: true, recursive: true });
  mkdirSync(workspace);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function inSandbox(
  script: string,
  policy = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const support = await sandboxSupport();
  const argv = bwrapArgs({
    bwrap: support.bwrap!,
    policy: SandboxPolicySchema.parse(policy),
    cwd: workspace,
    argv: ['/bin/sh', '-c', script],
    fdLimit: 64,
    maxProcesses: support.prlimit ? 32 : null,
  });
  return runArgv(argv, workspace);
}

describe('bwrapArgs', () => {
  it('runs as a non-root uid with no capabilities and its own /proc', async (ctx) => {
    if (!(await sandboxSupport()).available) ctx.skip();
    const r = await inSandbox(
      'id -u; grep CapEff /proc/self/status; ls /proc | grep -c "^[0-9]"; ls /sys 2>&1 || true',
    );
    const [uid, cap, pids] = r.stdout.trim().split('\n');
    expect(uid).toBe('65534');
    expect(cap).toMatch(/CapEff:\s+0+$/);
    expect(Number(pids)).toBeLessThanOrEqual(4);
    expect(r.stdout).toMatch(/No such file/);
  });

  it('hides files outside the policy and lets the workspace alone be written', async (ctx) => {
    if (!(await sandboxSupport()).available) ctx.skip();
    const r = await inSandbox(
      `cat ${secret} 2>&1; echo x > ${join(root, 'out.txt')} 2>&1; echo ok > in.txt; cat /etc/shadow 2>&1`,
    );
    expect(r.stdout).not.toContain('TOP-SECRET');
    expect(existsSync(join(root, 'out.txt'))).toBe(false);
    expect(readFileSync(join(workspace, 'in.txt'), 'utf8')).toBe('ok\n');
    expect(r.stdout).toMatch(/shadow: No such file/);
  });

  it('shows a path listed as readable, read-only', async (ctx) => {
    if (!(await sandboxSupport()).available) ctx.skip();
    const r = await inSandbox(`cat ${secret}; echo y >> ${secret} 2>&1 || echo refused`, {
      filesystem: { read: [secret] },
    });
    expect(r.stdout).toContain('TOP-SECRET');
    expect(r.stdout).toContain('refused');
    expect(readFileSync(secret, 'utf8')).toBe('TOP-SECRET');
  });
});
