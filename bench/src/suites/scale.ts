import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AgentRuntime } from '@axon/core';
import { cortexBinPath } from '@axon/cortex';
import { percentile } from '@axon/executor/internals';
import { figure, type Figure, type Suite } from '../report.js';

// 200 agents spawned 50 at a time, then 20 000 no-op tasks through `submit` with 400 outstanding, against baselines
// measured in the same run: 200 bare `node` spawns (50 at a time) until their first stdout line (run before and
// after the subject, the faster counts), and the same
// 20 000 no-op request/responses over raw stdio pipes to 2 plain Node children. Runtime RSS has no baseline.
const AGENTS = 200;
const SPAWN_PARALLEL = 50;
const TASKS = 20_000;
const IN_FLIGHT = 400;
const MiB = 1024 ** 2;

const agentDist = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'packages',
  'agent',
  'dist',
  'index.js',
);

function writeAgent(dir: string): string {
  const file = join(dir, 'noop-agent.mjs');
  writeFileSync(
    file,
    `import { runAgent } from ${JSON.stringify(pathToFileURL(agentDist).href)};\nawait runAgent({ capabilities: ['scale'], execute: async () => 'done' });\n`,
  );
  return file;
}

/** Runs `n` jobs with at most `parallel` at once. */
async function lanes(n: number, parallel: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, n) }, async () => {
      while (next < n) await job(next++);
    }),
  );
}

/** Runs `n` timed calls with `inFlight` outstanding; tasks/s and per-call latencies (ms). */
async function drive(
  n: number,
  inFlight: number,
  call: (i: number) => Promise<unknown>,
): Promise<{ perSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  const t0 = performance.now();
  await lanes(n, inFlight, async (i) => {
    const t = performance.now();
    await call(i);
    latencies.push(performance.now() - t);
  });
  return { perSecond: n / ((performance.now() - t0) / 1_000), latencies };
}

function bareSpawn(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', 'console.log("ready"); setInterval(() => {}, 1e6)'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.once('error', reject);
    createInterface({ input: child.stdout }).once('line', () => resolve(child));
  });
}

async function bareSpawnAll(): Promise<number> {
  const children: ChildProcess[] = [];
  const t0 = performance.now();
  try {
    await lanes(AGENTS, SPAWN_PARALLEL, async () => void children.push(await bareSpawn()));
    return performance.now() - t0;
  } finally {
    await Promise.all(
      children.map(
        (c) =>
          new Promise((r) => {
            c.once('exit', r);
            c.kill('SIGKILL');
          }),
      ),
    );
  }
}

const RAW_CHILD = `
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buf += chunk;
  let nl, out = '';
  while ((nl = buf.indexOf('\\n')) >= 0) {
    const line = buf.slice(0, nl);
    buf = buf.slice(nl + 1);
    if (line) out += JSON.stringify({ jsonrpc: '2.0', id: JSON.parse(line).id, result: { output: 'done' } }) + '\\n';
  }
  if (out) process.stdout.write(out);
});
process.stdin.on('end', () => process.exit(0));
`;

async function rawPipes(): Promise<{ perSecond: number; latencies: number[] }> {
  const children = [0, 1].map(() => {
    const child = spawn(process.execPath, ['-e', RAW_CHILD], { stdio: ['pipe', 'pipe', 'inherit'] });
    const pending = new Map<number, () => void>();
    createInterface({ input: child.stdout }).on('line', (line) => {
      const id = (JSON.parse(line) as { id: number }).id;
      pending.get(id)?.();
      pending.delete(id);
    });
    return { child, pending };
  });
  try {
    return await drive(
      TASKS,
      IN_FLIGHT,
      (i) =>
        new Promise<void>((resolve) => {
          const c = children[i % 2]!;
          c.pending.set(i, resolve);
          c.child.stdin.write(
            JSON.stringify({
              jsonrpc: '2.0',
              id: i,
              method: 'task/execute',
              params: { task: { taskId: `raw-${i}`, objective: 'no-op' }, attempt: 1 },
            }) + '\n',
          );
        }),
    );
  } finally {
    await Promise.all(
      children.map(
        ({ child }) =>
          new Promise((r) => {
            child.once('exit', r);
            child.stdin.end();
          }),
      ),
    );
  }
}

async function subject(
  agent: string,
  dir: string,
): Promise<{
  readyMs: number;
  perSecond: number;
  latencies: number[];
  rssReady: number;
  rssPeak: number;
  failed: number;
}> {
  const runtime = new AgentRuntime({
    process: { maxConcurrentProcesses: AGENTS, spawnTimeout: 120_000, shutdownGracePeriod: 2_000 },
    monitoring: { heartbeatTimeout: 60_000, metricsInterval: 5_000 },
    mcp: { cortexBinaryPath: cortexBinPath, cortexEnv: { CORTEX_DB: join(dir, 'cortex.db') }, mode: 'shared' },
    resources: { maxTaskDuration: 120_000 },
  });
  let rssPeak = 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
  try {
    await runtime.start();
    const t0 = performance.now();
    await lanes(AGENTS, SPAWN_PARALLEL, (i) => runtime.spawnAgent(`scale-${i}`, 'scale', process.execPath, [agent]));
    const readyMs = performance.now() - t0;
    const ready = runtime.listAgents().filter((a) => a.status === 'ready' || a.status === 'idle').length;
    if (ready !== AGENTS) throw new Error(`only ${ready} of ${AGENTS} agents are Ready`);
    const rssReady = process.memoryUsage().rss;
    let failed = 0;
    const run = await drive(TASKS, IN_FLIGHT, (i) =>
      runtime
        .submit({
          taskId: `scale-${i}`,
          objective: 'no-op',
          boundaries: { scope: ['bench'] },
          requiredCapabilities: ['scale'],
        })
        .catch(() => void failed++),
    );
    return { readyMs, ...run, rssReady, rssPeak: Math.max(rssPeak, process.memoryUsage().rss), failed };
  } finally {
    clearInterval(sampler);
    await runtime.shutdown({ timeout: 10_000 });
  }
}

const suite: Suite = {
  name: 'scale',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'axon-bench-scale-'));
    try {
      const agent = writeAgent(dir);
      // The bare-spawn baseline runs before and after the subject; the faster one counts (load on a shared machine varies).
      const bareBefore = await bareSpawnAll();
      const raw = await rawPipes();
      const s = await subject(agent, dir);
      const bareReadyMs = Math.min(bareBefore, await bareSpawnAll());
      if (s.failed > 0) throw new Error(`${s.failed} of ${TASKS} tasks failed`);
      return [
        figure(
          'scale_time_to_all_ready',
          'ms',
          s.readyMs,
          bareReadyMs,
          `${AGENTS} bare node spawns to first stdout line, ${SPAWN_PARALLEL} in parallel (faster of a run before and after)`,
        ),
        figure(
          'scale_tasks_per_second',
          'tasks/s',
          s.perSecond,
          raw.perSecond,
          `${TASKS} no-op request/responses over raw stdio pipes to 2 plain Node children, ${IN_FLIGHT} in flight`,
        ),
        figure(
          'scale_task_latency_p99',
          'ms',
          percentile(s.latencies, 99),
          percentile(raw.latencies, 99),
          `raw stdio pipes, ${IN_FLIGHT} in flight`,
        ),
        figure(
          'scale_task_latency_p50',
          'ms',
          percentile(s.latencies, 50),
          percentile(raw.latencies, 50),
          `raw stdio pipes, ${IN_FLIGHT} in flight`,
        ),
        figure(
          'scale_runtime_rss_all_ready',
          'MiB',
          s.rssReady / MiB,
          null,
          `none (the runtime process with ${AGENTS} agents Ready)`,
        ),
        figure(
          'scale_runtime_rss_peak',
          'MiB',
          s.rssPeak / MiB,
          null,
          `none (peak during ${TASKS} tasks, ${IN_FLIGHT} in flight)`,
        ),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
