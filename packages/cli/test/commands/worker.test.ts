import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClusterClient } from '@axon/cluster';
import { afterAll, describe, expect, it } from 'vitest';
import { axon, startAxon } from '../helpers/axon.js';

const dir = mkdtempSync(join(tmpdir(), 'axon-cli-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const agentSdk = fileURLToPath(new URL('../../../agent/dist/index.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('axon worker', () => {
  it('needs --redis and a config file naming agentTypes (exit 2)', async () => {
    const r = await axon(['worker'], { cwd: dir, env: { AXON_REDIS_URL: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs --redis/);
    writeFileSync(join(dir, 'empty.yaml'), 'process:\n  maxConcurrentProcesses: 2\n');
    const r2 = await axon(['worker', '--redis', 'redis://127.0.0.1:1', '--config', 'empty.yaml'], { cwd: dir });
    expect(r2.code).toBe(3);
    expect(r2.stderr).toMatch(/agentTypes/);
  });

  it("runs the file's agent types on tasks from Redis until SIGTERM", async (ctx) => {
    if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) return ctx.skip();
    const port = await freePort();
    const redis = spawn('redis-server', ['--port', String(port), '--dir', dir, '--save', ''], { stdio: 'ignore' });
    const client = new ClusterClient({ redis: `redis://127.0.0.1:${port}` });
    try {
      writeFileSync(
        join(dir, 'echo.mjs'),
        `import { runAgent } from ${JSON.stringify(agentSdk)};\nrunAgent({ capabilities: ['Echo'], execute: async (t) => ({ echo: t.objective }) });\n`,
      );
      writeFileSync(
        join(dir, 'worker.yaml'),
        `agentTypes:\n  echo:\n    command: ${JSON.stringify(process.execPath)}\n    args: [./echo.mjs]\n    capabilities: [Echo]\n`,
      );
      for (let i = 0; ; i++) {
        try {
          await client.start();
          break;
        } catch (e) {
          if (i > 100) throw e;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      const worker = startAxon(['worker', '--redis', `redis://127.0.0.1:${port}`, '--config', 'worker.yaml'], {
        cwd: dir,
      });
      const result = await client.submit({
        taskId: 'cli-echo',
        objective: 'hello from the cluster',
        boundaries: { scope: ['x'] },
        requiredCapabilities: ['Echo'],
      });
      expect(result.output).toEqual({ echo: 'hello from the cluster' });
      expect(worker.stdout()).toMatch(/consuming any, cap\.Echo/);
      worker.child.kill('SIGTERM');
      const done = await worker.done;
      expect(done.code).toBe(0);
      expect(done.stdout).toMatch(/stopped/);
    } finally {
      await client.close();
      redis.kill('SIGKILL');
    }
  });
});
