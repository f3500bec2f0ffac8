import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtFile } from '../paths.js';
import { figure, type Figure, type Suite } from '../report.js';

// Both figures are measured in a separate plain `node` process that runs only the runtime (no tsx, no bench
// harness), so its CPU, RSS and heap are the runtime's. The child prints one JSON line with its measurements.
const coreDist = pathToFileURL(builtFile('core')).href;
const agentDist = pathToFileURL(builtFile('agent')).href;

// AXON_BENCH_QUICK=1 shrinks every size for a smoke run (the figures are then not the targets' figures).
const QUICK = process.env.AXON_BENCH_QUICK === '1';
const AGENTS = QUICK ? 10 : 100;
const IDLE_MS = QUICK ? 3_000 : 30_000;
const TASKS = QUICK ? 3_000 : 100_000;
const FIRST = QUICK ? 1_000 : 10_000;
const POOL = 8;
const IN_FLIGHT = 64;

const AGENT_SRC = `import { runAgent } from ${JSON.stringify(agentDist)};\nrunAgent({ capabilities: ['Noop'], execute: async () => null });\n`;

// 100 idle agents at the default intervals; CPU % of one core and RSS of this process over IDLE_MS.
const SUPERVISION_SRC = `
import { AgentRuntime } from ${JSON.stringify(coreDist)};
const [agent, count, idleMs] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const runtime = new AgentRuntime({ process: { maxConcurrentProcesses: Math.max(1, count) } });
await runtime.start();
for (let i = 0; i < count; i += 10) {
  await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, k) => runtime.spawnAgent('idle-' + (i + k), 'idle', process.execPath, [agent])));
}
await new Promise((r) => setTimeout(r, 5_000));
const u0 = process.cpuUsage();
const t0 = performance.now();
let rssPeak = 0;
const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); }, 500);
await new Promise((r) => setTimeout(r, idleMs));
clearInterval(sampler);
const u = process.cpuUsage(u0);
const cpu = ((u.user + u.system) / 1000 / (performance.now() - t0)) * 100;
const live = runtime.listAgents().filter((a) => a.status === 'ready' || a.status === 'idle').length;
await runtime.shutdown({ timeout: 5_000 });
console.log(JSON.stringify({ cpu, rss: Math.max(rssPeak, 1), live }));
`;

// 100k no-op tasks through submit on 8 agents, IN_FLIGHT outstanding; heap after GC at 10k and at 100k.
const HEAP_SRC = `
import { AgentRuntime } from ${JSON.stringify(coreDist)};
const [agent, total, first, pool, inFlight] = [process.argv[2], ...process.argv.slice(3).map(Number)];
const runtime = new AgentRuntime({ process: { maxConcurrentProcesses: pool + 2 }, mcp: { mode: 'shared' } });
runtime.registerAgentType('noop', { command: process.execPath, args: [agent], capabilities: ['Noop'], minIdle: pool, max: pool });
await runtime.start();
while (runtime.listAgents().filter((a) => a.status === 'ready' || a.status === 'idle').length < pool) await new Promise((r) => setTimeout(r, 50));
const heap = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed; };
let next = 0, done = 0, failed = 0, heapAtFirst = 0, t0 = 0;
const lane = async () => {
  while (next < total) {
    const i = next++;
    try { await runtime.submit({ taskId: 't' + i, objective: 'no-op', boundaries: { scope: ['bench'] }, requiredCapabilities: ['Noop'] }); }
    catch { failed++; }
    done++;
    if (done === first) { heapAtFirst = heap(); t0 = performance.now(); }
  }
};
await Promise.all(Array.from({ length: inFlight }, lane));
const seconds = (performance.now() - t0) / 1000;
const heapAtTotal = heap();
const stats = runtime.getStatistics();
await runtime.shutdown({ timeout: 5_000 });
console.log(JSON.stringify({ heapAtFirst, heapAtTotal, tasksPerSecond: (total - first) / seconds, failed, executed: stats.totalTasksExecuted }));
`;

function runChild(script: string, args: string[], nodeFlags: string[] = []): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${out.slice(-500)}`));
      try {
        resolve(JSON.parse(last) as Record<string, number>);
      } catch (e) {
        reject(new Error(`${script}: no result line (${(e as Error).message}): ${out.slice(-500)}`));
      }
    });
  });
}

const suite: Suite = {
  name: 'core',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'axon-bench-core-'));
    try {
      const agent = join(dir, 'noop-agent.mjs');
      const supervision = join(dir, 'supervision.mjs');
      const heapScript = join(dir, 'heap.mjs');
      writeFileSync(agent, AGENT_SRC);
      writeFileSync(supervision, SUPERVISION_SRC);
      writeFileSync(heapScript, HEAP_SRC);

      const empty = await runChild(supervision, [agent, '0', String(IDLE_MS / 3)]);
      const idle = await runChild(supervision, [agent, String(AGENTS), String(IDLE_MS)]);
      if (idle.live !== AGENTS) throw new Error(`only ${idle.live} of ${AGENTS} agents stayed ready`);
      const heap = await runChild(
        heapScript,
        [agent, String(TASKS), String(FIRST), String(POOL), String(IN_FLIGHT)],
        ['--expose-gc'],
      );
      if (heap.failed !== 0) throw new Error(`${heap.failed} of ${TASKS} no-op tasks failed`);
      const MB = 1024 * 1024;
      return [
        figure('supervision_100_idle_cpu', '%', idle.cpu!, empty.cpu!, 'same runtime with 0 agents (% of one core)', {
          text: 'value <= 2',
          met: (f) => f.value <= 2,
        }),
        figure('supervision_100_idle_rss', 'MB', idle.rss! / MB, empty.rss! / MB, 'same runtime with 0 agents (RSS)', {
          text: 'value <= 150',
          met: (f) => f.value <= 150,
        }),
        figure(
          'submit_100k_heap_growth',
          'bytes',
          heap.heapAtTotal!,
          heap.heapAtFirst!,
          `heap used after GC at ${FIRST} tasks`,
          {
            text: 'ratio <= 1.10',
            met: (f) => f.ratio !== null && f.ratio <= 1.1,
          },
        ),
        figure(
          'submit_100k_tasks_per_second',
          'tasks/s',
          heap.tasksPerSecond!,
          null,
          `${POOL} agents, ${IN_FLIGHT} submissions in flight, tasks ${FIRST}..${TASKS}`,
        ),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
