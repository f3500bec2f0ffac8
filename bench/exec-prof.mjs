// Standalone: executeTasksParallel on 2 agents with concurrency C, N tasks; or sequential executeTask.
import { AgentExecutor, parseDelegation } from '@axon/executor';
import { McpServerPool } from '@axon/mcp';
import { ProcessManager } from '@axon/process';
import { performance } from 'node:perf_hooks';
const C = Number(process.env.C ?? 32);
const MODE = process.env.MODE ?? 'par';
const N = Number(process.env.N ?? 20000);
const code = `import { runAgent } from ${JSON.stringify(import.meta.resolve('@axon/agent'))};
runAgent({ name: 'noop', capabilities: ['bench'], concurrency: ${C}, execute: async () => 'done' });`;
const pm = new ProcessManager({});
const pool = new McpServerPool({});
const ex = new AgentExecutor(pm, pool, {});
const hs = [];
for (const n of [0, 1]) hs.push(await pm.spawn({ name: `noop-${n}`, type: 'bench', command: process.execPath, args: ['--input-type=module', '-e', code] }));
const ids = hs.map((h) => h.id);
const task = (i) => ({ taskId: `bench-${i}`, objective: 'no-op', boundaries: { scope: ['bench'] } });
async function run(n) {
  if (MODE === 'par') {
    const tasks = Array.from({ length: n }, (_, i) => ({ agentId: ids[i % 2], delegation: task(i) }));
    await ex.executeTasksParallel(tasks, 64);
  } else {
    for (let i = 0; i < n; i++) await ex.executeTask(ids[i % 2], task(i));
  }
}
await run(1000);
const cpu0 = process.cpuUsage();
const t = performance.now();
await run(N);
const ms = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ MODE, C, N, tps: Math.round(N / (ms / 1000)), cpuUsPerTask: +((cpu.user + cpu.system) / N).toFixed(1), userUs: +(cpu.user / N).toFixed(1), sysUs: +(cpu.system / N).toFixed(1) }));
await ex.close(); await pm.terminateAll(); await pool.shutdownAll();
