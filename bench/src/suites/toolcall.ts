import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AgentRuntime } from '@axon/core';
import { CortexStore, cortexBinPath } from '@axon/cortex';
import { builtFile } from '../paths.js';
import { figure, type Figure, type Suite } from '../report.js';

// The agent's tool-call path: one `runAgent` agent calls `cortex_search` through the runtime (`ctx.tools.call`:
// AAP `tools/call` → executor tool gate → McpServerPool → Cortex) and, in the same task, through its own MCP SDK
// client connected to the same Cortex binary and database. Timed inside the agent, alternating rounds.
const MEMORIES = 200;
const WARM_UP = 200;
const ROUNDS = 10;
const PER_ROUND = 200;

const agentDist = builtFile('agent');

/** The agent: keeps one SDK client for the whole run; each task times `rounds` × `perRound` calls on each path. */
function agentSource(): string {
  const href = (spec: string) => JSON.stringify(import.meta.resolve(spec));
  return `
import { runAgent } from ${JSON.stringify(pathToFileURL(agentDist).href)};
import { Client } from ${href('@modelcontextprotocol/sdk/client/index.js')};
import { StdioClientTransport } from ${href('@modelcontextprotocol/sdk/client/stdio.js')};
let client;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
async function timeEach(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await fn();
    out.push(performance.now() - t);
    if (r.isError) throw new Error('cortex_search failed: ' + JSON.stringify(r.content));
  }
  return out;
}
await runAgent({
  capabilities: ['toolcall'],
  async execute(task, ctx) {
    const { db, cortex, warmUp, rounds, perRound } = task.context;
    if (!client) {
      client = new Client({ name: 'bench-agent', version: '1' });
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [cortex, 'mcp', 'stdio', '--db', db], stderr: 'ignore' }));
      await client.listTools();
    }
    const args = { query: 'tag42 deploy', limit: 5 };
    const viaRuntime = () => ctx.tools.call('cortex_search', args);
    const direct = () => client.callTool({ name: 'cortex_search', arguments: args });
    await timeEach(warmUp, viaRuntime);
    await timeEach(warmUp, direct);
    const r = [];
    const d = [];
    for (let k = 0; k < rounds; k++) {
      r.push(...(await timeEach(perRound, viaRuntime)));
      d.push(...(await timeEach(perRound, direct)));
    }
    return { runtimeP50: median(r), directP50: median(d), calls: r.length };
  },
});
process.stdin.on('end', () => client?.close());
`;
}

const suite: Suite = {
  name: 'toolcall',
  description:
    '`agent_tool_call_p50`: one `runAgent` agent under `AgentRuntime` calls `cortex_search` (200 memories, limit 5) ' +
    'with `ctx.tools.call` (AAP `tools/call` to the runtime: tool gate, budget, audit, `McpServerPool`, Cortex over ' +
    'stdio) against the same agent calling the same Cortex binary and database with its own MCP SDK `Client.callTool`, ' +
    `in the same task. Timed inside the agent: ${WARM_UP} warm-up calls per path, then ${ROUNDS} alternating rounds of ` +
    `${PER_ROUND} sequential calls per path; medians.`,
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'axon-bench-toolcall-'));
    const db = join(dir, 'cortex.db');
    const store = new CortexStore({ path: db });
    for (let i = 0; i < MEMORIES; i++) store.store({ content: `memory ${i} tag${i % 50} deploy cache latency ${i}` });
    store.close();
    const agent = join(dir, 'toolcall-agent.mjs');
    writeFileSync(agent, agentSource());
    const calls = 2 * (WARM_UP + ROUNDS * PER_ROUND);
    const runtime = new AgentRuntime({
      mcp: { cortexBinaryPath: cortexBinPath, cortexEnv: { CORTEX_DB: db }, mode: 'shared' },
      resources: { maxTaskDuration: 600_000, maxToolCallsPerTask: calls },
    });
    try {
      await runtime.start();
      await runtime.spawnAgent('toolcall', 'bench', process.execPath, [agent]);
      const result = await runtime.submit({
        taskId: 'toolcall-1',
        objective: 'time cortex_search through the runtime and directly',
        boundaries: { scope: ['bench'], maxToolCalls: calls, timeout: 600_000 },
        context: { db, cortex: cortexBinPath, warmUp: WARM_UP, rounds: ROUNDS, perRound: PER_ROUND },
        requiredCapabilities: ['toolcall'],
      });
      const out = result.output as { runtimeP50: number; directP50: number; calls: number };
      return [
        figure(
          'agent_tool_call_p50',
          'ms',
          out.runtimeP50,
          out.directP50,
          "the same agent's own MCP SDK Client.callTool, same Cortex binary and database",
          { text: 'ratio <= 1.5', met: (f) => f.ratio !== null && f.ratio <= 1.5 },
        ),
      ];
    } finally {
      await runtime.shutdown({ timeout: 10_000 });
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
