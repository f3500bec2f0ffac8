import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { AAP_PROTOCOL_VERSION, JsonRpcPeer } from '@axon/agent';
import { AgentRuntime } from '@axon/core';
import { cortexBinPath } from '@axon/cortex';
import { parseDelegation } from '@axon/executor';
import { percentile } from '@axon/executor/internals';
import { builtFile, repoRoot } from '../paths.js';
import { figure, type Figure, type Suite } from '../report.js';

// N agents through `AgentRuntime` against the same N agents (same command, same task) driven by bare `JsonRpcPeer`s
// from @axon/agent in the same run: time to all Ready (spawn + `initialize`), tasks/s and p50/p99 with 400 tasks in
// flight (at most one task per agent on both sides), and RSS of the driving process per idle agent.
// Default: 200 Node agents (`runAgent`). AXON_BENCH_SCALE_1000=1 adds the same at 1 000 agents with the stdlib Python
// sample agent (apps/agents/python), which is lighter than a Node process. AXON_BENCH_SCALE_AGENTS, _PYTHON_AGENTS and
// AXON_BENCH_SCALE_TASKS shrink the default run for a smoke check.
const AGENTS = positiveEnv('AXON_BENCH_SCALE_AGENTS', 200);
const TASKS = positiveEnv('AXON_BENCH_SCALE_TASKS', 20_000);
const PYTHON_AGENTS = positiveEnv('AXON_BENCH_SCALE_PYTHON_AGENTS', 1_000);
const SPAWN_PARALLEL = 50;
const IN_FLIGHT = 400;
const HEARTBEAT_TIMEOUT = 60_000;
const HEARTBEAT_INTERVAL = HEARTBEAT_TIMEOUT / 3; // what the runtime asks of its agents with this timeout
const MiB = 1024 ** 2;

function positiveEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

const agentDist = builtFile('agent');
const pythonAgent = join(repoRoot, 'apps', 'agents', 'python', 'summary_agent.py');

interface AgentKind {
  /** Figure name suffix: '' for the default Node run. */
  suffix: string;
  label: string;
  count: number;
  command: string;
  args: string[];
  capability: string;
}

function nodeAgent(dir: string): AgentKind {
  const file = join(dir, 'noop-agent.mjs');
  writeFileSync(
    file,
    `import { runAgent } from ${JSON.stringify(pathToFileURL(agentDist).href)};\nawait runAgent({ capabilities: ['scale'], execute: async () => 'done' });\n`,
  );
  return {
    suffix: '',
    label: 'Node runAgent',
    count: AGENTS,
    command: process.execPath,
    args: [file],
    capability: 'scale',
  };
}

function pythonAgentKind(): AgentKind {
  return {
    suffix: `_${PYTHON_AGENTS}_python`,
    label: 'stdlib Python sample agent',
    count: PYTHON_AGENTS,
    command: 'python3',
    args: [pythonAgent],
    capability: 'Summarization',
  };
}

/** A no-op task both agents accept: the Python agent summarises an empty directory and stores nothing. */
function task(i: number, kind: AgentKind, empty: string) {
  return {
    taskId: `scale-${i}`,
    objective: 'no-op',
    boundaries: { scope: [empty] },
    context: { root: empty, store: false },
    requiredCapabilities: [kind.capability],
  };
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

interface Run {
  readyMs: number;
  perSecond: number;
  latencies: number[];
  /** RSS growth of the driving process per Ready, idle agent, bytes. */
  rssPerAgent: number;
  failed: number;
}

/** The same agents driven by bare `JsonRpcPeer`s: spawn, `initialize`, then one `task/execute` at a time per agent. */
async function barePeers(kind: AgentKind, empty: string): Promise<Run> {
  const agents: Array<{ child: ChildProcess; peer: JsonRpcPeer }> = [];
  const rssBase = process.memoryUsage().rss;
  try {
    const t0 = performance.now();
    await lanes(kind.count, SPAWN_PARALLEL, async (i) => {
      // Detached like the runtime's agents: each leads its own session, which the kernel's autogroup scheduler
      // (on by default on most distributions) schedules as its own group; on a loaded machine children left in
      // this process's session share one group's CPU and start several times slower.
      const child = spawn(kind.command, kind.args, { stdio: ['pipe', 'pipe', 'ignore'], detached: true });
      const peer = new JsonRpcPeer({
        name: `bare-${i}`,
        input: child.stdout,
        output: child.stdin,
        requestTimeout: 120_000,
      });
      agents.push({ child, peer });
      await peer.request('initialize', {
        protocolVersion: AAP_PROTOCOL_VERSION,
        agent: { id: `bare-${i}`, name: `bare-${i}`, type: 'scale' },
        heartbeatIntervalMs: HEARTBEAT_INTERVAL,
      });
    });
    const readyMs = performance.now() - t0;
    const rssPerAgent = (process.memoryUsage().rss - rssBase) / kind.count;
    // A free-agent queue: a task waits for whichever agent is free, as `submit` does.
    const free = [...agents];
    const waiters: Array<(a: (typeof agents)[number]) => void> = [];
    const release = (a: (typeof agents)[number]) => (waiters.length > 0 ? waiters.shift()!(a) : free.push(a));
    let failed = 0;
    const run = await drive(TASKS, IN_FLIGHT, async (i) => {
      const a = free.length > 0 ? free.shift()! : await new Promise<(typeof agents)[number]>((r) => waiters.push(r));
      try {
        await a.peer.request('task/execute', { task: parseDelegation(task(i, kind, empty)), attempt: 1 });
      } catch {
        failed++;
      } finally {
        release(a);
      }
    });
    return { readyMs, ...run, rssPerAgent, failed };
  } finally {
    await Promise.all(
      agents.map(
        ({ child, peer }) =>
          new Promise((r) => {
            if (child.exitCode !== null || child.signalCode !== null) return r(undefined);
            child.once('exit', r);
            peer.close();
            child.kill('SIGKILL');
          }),
      ),
    );
  }
}

async function subject(kind: AgentKind, dir: string, empty: string): Promise<Run> {
  const runtime = new AgentRuntime({
    process: { maxConcurrentProcesses: kind.count, spawnTimeout: 120_000, shutdownGracePeriod: 2_000 },
    monitoring: { heartbeatTimeout: HEARTBEAT_TIMEOUT, metricsInterval: 5_000 },
    mcp: { cortexBinaryPath: cortexBinPath, cortexEnv: { CORTEX_DB: join(dir, 'cortex.db') }, mode: 'shared' },
    resources: { maxTaskDuration: 120_000 },
  });
  try {
    await runtime.start();
    const rssBase = process.memoryUsage().rss;
    const t0 = performance.now();
    await lanes(kind.count, SPAWN_PARALLEL, (i) =>
      // The task's scope (a directory in `dir`) must lie inside the agent's working directory.
      runtime.spawnAgent(`scale-${i}`, 'scale', kind.command, kind.args, { cwd: dir }),
    );
    const readyMs = performance.now() - t0;
    const ready = runtime.listAgents().filter((a) => a.status === 'ready' || a.status === 'idle').length;
    if (ready !== kind.count) throw new Error(`only ${ready} of ${kind.count} agents are Ready`);
    const rssPerAgent = (process.memoryUsage().rss - rssBase) / kind.count;
    let failed = 0;
    const run = await drive(TASKS, IN_FLIGHT, (i) => runtime.submit(task(i, kind, empty)).catch(() => void failed++));
    return { readyMs, ...run, rssPerAgent, failed };
  } finally {
    await runtime.shutdown({ timeout: 10_000 });
  }
}

/** Time from `start()` until a warm pool of `kind.count` agents (`minIdle` = `max` = count) is all Ready, ms. */
async function warmPool(kind: AgentKind, dir: string): Promise<number> {
  const runtime = new AgentRuntime({
    process: { maxConcurrentProcesses: kind.count, spawnTimeout: 120_000, shutdownGracePeriod: 2_000 },
    monitoring: { heartbeatTimeout: HEARTBEAT_TIMEOUT, metricsInterval: 5_000 },
    mcp: { cortexBinaryPath: cortexBinPath, cortexEnv: { CORTEX_DB: join(dir, 'cortex-warm.db') }, mode: 'shared' },
  });
  try {
    runtime.registerAgentType('warm', {
      command: kind.command,
      args: kind.args,
      capabilities: [kind.capability],
      minIdle: kind.count,
      max: kind.count,
      cwd: dir,
    });
    const t0 = performance.now();
    await runtime.start();
    let ready = 0;
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        const agents = runtime.listAgents();
        ready = agents.filter((a) => a.status === 'ready' || a.status === 'idle').length;
        const failed = agents.filter((a) => a.status === 'failed').length;
        if (ready >= kind.count || failed > 0 || performance.now() - t0 > 600_000) {
          clearInterval(poll);
          if (ready >= kind.count) resolve();
          else reject(new Error(`warm pool: ${ready} of ${kind.count} Ready, ${failed} failed`));
        }
      }, 20);
    });
    return performance.now() - t0;
  } finally {
    await runtime.shutdown({ timeout: 10_000 });
  }
}

async function compare(kind: AgentKind, dir: string, empty: string): Promise<Figure[]> {
  // The subject runs first, in the fresher process: its RSS growth is not hidden by memory the baseline freed.
  const s = await subject(kind, dir, empty);
  const warmMs = await warmPool(kind, dir);
  const b = await barePeers(kind, empty);
  if (s.failed > 0) throw new Error(`${s.failed} of ${TASKS} tasks failed through the runtime (${kind.label})`);
  if (b.failed > 0) throw new Error(`${b.failed} of ${TASKS} tasks failed through the bare peers (${kind.label})`);
  const bare = `${kind.count} ${kind.label} agents driven by bare JsonRpcPeers`;
  const x = kind.suffix;
  return [
    figure(
      `scale_time_to_all_ready${x}`,
      'ms',
      s.readyMs,
      b.readyMs,
      `${bare}: spawn + initialize, ${SPAWN_PARALLEL} in parallel`,
      { text: 'ratio <= 1.3', met: (f) => f.ratio !== null && f.ratio <= 1.3 },
    ),
    figure(
      `scale_time_to_all_ready_warm_pool${x}`,
      'ms',
      warmMs,
      b.readyMs,
      `${bare}: spawn + initialize, ${SPAWN_PARALLEL} in parallel`,
      { text: 'ratio <= 1.3', met: (f) => f.ratio !== null && f.ratio <= 1.3 },
    ),
    figure(`scale_tasks_per_second${x}`, 'tasks/s', s.perSecond, b.perSecond, `${bare}, ${IN_FLIGHT} in flight`, {
      text: 'ratio >= 0.8',
      met: (f) => f.ratio !== null && f.ratio >= 0.8,
    }),
    figure(
      `scale_task_latency_p50${x}`,
      'ms',
      percentile(s.latencies, 50),
      percentile(b.latencies, 50),
      `${bare}, ${IN_FLIGHT} in flight`,
    ),
    figure(
      `scale_task_latency_p99${x}`,
      'ms',
      percentile(s.latencies, 99),
      percentile(b.latencies, 99),
      `${bare}, ${IN_FLIGHT} in flight`,
    ),
    figure(
      `scale_runtime_rss_per_idle_agent${x}`,
      'MiB',
      s.rssPerAgent / MiB,
      b.rssPerAgent / MiB,
      `${bare}: RSS growth of the driving process per Ready agent`,
      { text: 'value <= 0.5 MiB', met: (f) => f.value <= 0.5 },
    ),
  ];
}

const suite: Suite = {
  name: 'scale',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'axon-bench-scale-'));
    try {
      const empty = join(dir, 'empty');
      mkdirSync(empty);
      const figures = await compare(nodeAgent(dir), dir, empty);
      if (process.env.AXON_BENCH_SCALE_1000 === '1') figures.push(...(await compare(pythonAgentKind(), dir, empty)));
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
