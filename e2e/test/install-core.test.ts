import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packAll } from './support/pack.js';
import { runScript, scratchInstall, writeScript } from './support/scratch.js';

describe('installing @axon/core alone', () => {
  it('runs a task on a sample agent that uses Cortex, and leaves no process behind', async (ctx) => {
    // The leak check reads /proc; without it the test could not see a process left behind.
    if (!existsSync('/proc/self/cmdline')) ctx.skip();
    const tarballs = await packAll(['agent', 'sandbox', 'process', 'cortex', 'mcp', 'executor', 'core']);
    // @axon/core is what the user asks for; its @axon/* dependencies are not published yet, so their
    // tarballs stand in for the registry.
    const dir = await scratchInstall([...tarballs.values()]);
    writeScript(
      dir,
      'agent.mjs',
      `
import { runAgent } from '@axon/agent';
runAgent({
  name: 'memo',
  capabilities: ['research'],
  async execute(task, ctx) {
    await ctx.tools.call('cortex_store', { content: task.context.fact });
    const found = await ctx.tools.call('cortex_search', { query: task.context.question, limit: 1 });
    return { answer: found.structuredContent.results[0]?.snippet ?? 'nothing found' };
  },
});
`,
    );
    const out = await runScript(
      dir,
      'main.mjs',
      `
import { AgentRuntime } from '@axon/core';
const runtime = new AgentRuntime({ process: { spawnTimeout: '60s' } });
await runtime.start();
try {
  const id = await runtime.spawnAgent('memo-1', 'research', process.execPath, [new URL('./agent.mjs', import.meta.url).pathname]);
  const result = await runtime.executeTask(id, {
    objective: 'Remember when we deploy, then answer when we deploy',
    boundaries: { scope: ['ops'], maxToolCalls: 5, timeout: '60s' },
    context: { fact: 'We deploy every Thursday at 14:00 UTC.', question: 'deploy Thursday' },
  });
  console.log(JSON.stringify({ attempt: result.attempt, output: result.output, toolCalls: result.toolCalls }));
} finally {
  await runtime.shutdown();
}
`,
    );
    const report = JSON.parse(out.trim().split('\n').at(-1)!) as {
      attempt: number;
      output: { answer: string };
      toolCalls: number;
    };
    expect(report.attempt).toBe(1);
    expect(report.toolCalls).toBe(2);
    expect(report.output.answer).toMatch(/Thursday/);
    // The agent and the Cortex server ran from the scratch directory: none may outlive the runtime.
    await expect.poll(() => processesMentioning(dir), { timeout: 10_000 }).toEqual([]);
  });
});

/** Live processes whose command line mentions `text` (from /proc). */
function processesMentioning(text: string): string[] {
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  const found: string[] = [];
  for (const pid of pids) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmd.includes(text)) found.push(`${pid} ${cmd}`);
    } catch {
      /* exited meanwhile */
    }
  }
  return found;
}
