import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sandboxSupport } from '@axon/sandbox';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

function runMain(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('demo', () => {
  it('runs the three delegations in parallel to a successful end and exits 0 (node dist/main.js)', async () => {
    const { code, stdout } = await runMain();
    expect(code).toBe(0);
    // Sandboxed by default where the platform can; elsewhere the demo says why not and runs them anyway.
    const sandboxed = (await sandboxSupport()).available ? 'sandboxed' : 'not sandboxed';
    if (sandboxed === 'not sandboxed') expect(stdout).toMatch(/agents run without a sandbox: \S/);
    expect(stdout).toMatch(new RegExp(`spawned Developer-1\\s+developer\\s+pid \\d+, ${sandboxed},`));
    expect(stdout).toMatch(new RegExp(`spawned Reviewer-1\\s+reviewer\\s+pid \\d+, ${sandboxed},`));
    expect(stdout).toMatch(new RegExp(`spawned Tester-1\\s+tester\\s+pid \\d+, ${sandboxed},`));
    expect(stdout).toMatch(/✔ Developer-1\s+auth-feature\s+success .* [2-9] tool call\(s\)/);
    expect(stdout).toMatch(/✔ Reviewer-1\s+code-review\s+success .*12 tool call\(s\)/);
    expect(stdout).toMatch(/\(11 from prior findings in Cortex\)/);
    expect(stdout).toMatch(/Reviewed 4 file\(s\): 11 finding\(s\) \(2 high, 6 medium, 3 low\)/);
    expect(stdout).toMatch(/high\s+hardcoded-secret at src\/auth\/config\.ts:9/);
    expect(stdout).toMatch(/high\s+eval at src\/auth\/tokens\.ts:34/);
    expect(stdout).toMatch(/1\. src\/auth\/config\.ts:9 \(hardcoded-secret\)/);
    expect(stdout).toMatch(/✔ Tester-1\s+auth-tests\s+success/);
    expect(stdout).toMatch(/node test\/run\.mjs: 7 passed, 0 failed/);
    expect(stdout).toMatch(/tasks:\s+3 executed, 0 failed, success rate 100%/);
    expect(stdout).toMatch(/demo finished: every task succeeded/);
    expect(stdout).toMatch(/runtime shut down: 0 agent process\(es\) left/);
  });

  it('reports failed tasks and returns false when the work fails', async () => {
    const root = mkdtempSync(join(tmpdir(), 'axon-demo-empty-'));
    mkdirSync(join(root, 'test'));
    writeFileSync(join(root, 'test', 'run.mjs'), "console.log('# pass 0\\n# fail 1'); process.exitCode = 1;");
    let text = '';
    const out = new Writable({ write: (chunk: Buffer, _e, cb) => ((text += chunk.toString()), cb()) });
    try {
      // No src/auth here: the developer and the reviewer fail on their scope; the tester's one test fails.
      await expect(runDemo({ out, root })).resolves.toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    expect(text).toMatch(/✖ Reviewer-1\s+code-review\s+FAILED/);
    expect(text).toMatch(/scope path "src\/auth" cannot be read/);
    expect(text).toMatch(/✖ Tester-1\s+auth-tests\s+FAILED/);
    expect(text).toMatch(/demo finished with 3 failed task\(s\)/);
  });
});
