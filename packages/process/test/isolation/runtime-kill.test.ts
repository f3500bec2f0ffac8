import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { listDescendants } from '../../../../tools/vitest/descendants.js';
import { ProcessManager } from '../../src/index.js';
import { fixture, pidAlive } from '../helpers.js';

describe('isolation', () => {
  it('leaves no agent nor grandchild alive within 2 s of SIGKILLing the runtime', async (ctx) => {
    const caps = await new ProcessManager().platform();
    if (!caps.pdeathsig || caps.pidNamespace === 'none') ctx.skip();
    const runtime = spawn(process.execPath, [fixture('runtime.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: runtime.stdout }).once('line', resolve),
    );
    expect(JSON.parse(first)).toEqual({ ready: true, isolation: 'full' });
    const tree = listDescendants(runtime.pid).map((p) => p.pid);
    // 2 agents × (wrapper, init, agent, 2 grandchildren)
    expect(tree.length).toBeGreaterThanOrEqual(10);
    runtime.kill('SIGKILL');
    const deadline = Date.now() + 2_000;
    let alive = tree.filter(pidAlive);
    while (alive.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      alive = tree.filter(pidAlive);
    }
    expect(alive).toEqual([]);
  });
});
