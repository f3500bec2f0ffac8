import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { figure, type Figure, type Suite } from '../report.js';

// A real redis-server (AOF, fsync every second) on a free port; worker hosts are plain `node` processes running
// ClusterWorker from packages/cluster/dist; the client and the local baseline run in this process.
const packages = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'packages');
const dist = (p: string) => pathToFileURL(join(packages, p, 'dist', 'index.js')).href;
const QUICK = process.env.AXON_BENCH_QUICK === '1';
const ROUND_TRIPS = QUICK ? 50 : 300;
const SLEEP_MS = 50;
const PER_HOST = 4; // agents (and concurrent jobs) per worker host
const TASKS_PER_HOST = QUICK ? 40 : 120;

const AGENT_SRC = `import { runAgent } from ${JSON.stringify(dist('agent'))};
runAgent({ capabilities: ['Noop', 'Sleep'], execute: async (task) => {
  if (task.context.ms) await new Promise((r) => setTimeout(r, task.context.ms));
  return null;
} });
`;
const WORKER_SRC = `import { ClusterWorker } from ${JSON.stringify(dist('cluster'))};
const [redis, agent, cap, max] = process.argv.slice(2);
const worker = new ClusterWorker({ redis, agentTypes: { t: { command: process.execPath, args: [agent], capabilities: [cap], minIdle: Number(max), max: Number(max) } }, config: { mcp: { mode: 'shared' } } });
await worker.start();
while (worker.runtime.listAgents().filter((a) => a.status === 'ready' || a.status === 'idle').length < Number(max)) await new Promise((r) => setTimeout(r, 50));
console.log('ready');
process.stdin.on('end', async () => { await worker.close(); process.exit(0); });
process.stdin.resume();
`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startHost(script: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', () => reject(new Error('worker host exited before ready')));
  });
  return child;
}

async function stopHosts(hosts: ChildProcess[]): Promise<void> {
  await Promise.all(
    hosts.map((h) => new Promise((r) => (h.exitCode !== null ? r(null) : (h.once('exit', r), h.stdin!.end())))),
  );
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const suite: Suite = {
  name: 'cluster',
  description:
    'A real redis-server (AOF, fsync every second) on this machine; worker hosts are separate `node` processes ' +
    'running `ClusterWorker` with warm agents. `cluster_overhead_p50`: sequential no-op tasks, submit → result ' +
    'through Redis (`ClusterClient.submit`, one worker host) against `AgentRuntime.submit` on a local warm agent, ' +
    `same run; ${ROUND_TRIPS} each, p50. \`cluster_scaling\`: ${TASKS_PER_HOST} tasks per host that sleep ` +
    `${SLEEP_MS} ms, ${PER_HOST} agents per host, with 1, 2 and 4 worker hosts, after an untimed warm-up of ` +
    `${2 * PER_HOST} tasks per host; the figure is the 4-host rate ` +
    'against 4 × the 1-host rate (ideal linear); the 2-host figure is printed too. Both machines share 2 cores.',
  async run(): Promise<Figure[]> {
    if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0)
      throw new Error('redis-server is not installed (apt-get install redis-server)');
    const dir = mkdtempSync(join(tmpdir(), 'axon-bench-cluster-'));
    const port = await freePort();
    const redis = spawn(
      'redis-server',
      ['--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec'],
      { stdio: 'ignore' },
    );
    const url = `redis://127.0.0.1:${port}`;
    // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- the built dist is loaded at run time, typed as the package
    const { AgentRuntime } = (await import(dist('core'))) as typeof import('@axon/core');
    const { ClusterClient } = (await import(dist('cluster'))) as {
      ClusterClient: new (o: { redis: string }) => {
        start(): Promise<void>;
        submit(d: unknown): Promise<unknown>;
        close(): Promise<void>;
      };
    };
    const agent = join(dir, 'agent.mjs');
    const workerScript = join(dir, 'worker.mjs');
    writeFileSync(agent, AGENT_SRC);
    writeFileSync(workerScript, WORKER_SRC);
    const task = (id: string, cap: string, ms = 0) => ({
      taskId: id,
      objective: 'bench',
      boundaries: { scope: ['x'] },
      requiredCapabilities: [cap],
      context: ms ? { ms } : {},
    });
    const hosts: ChildProcess[] = [];
    const client = new ClusterClient({ redis: url });
    try {
      for (let i = 0; ; i++) {
        try {
          await client.start();
          break;
        } catch (e) {
          if (i > 50) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      // Local baseline.
      const runtime = new AgentRuntime({ mcp: { mode: 'shared' } });
      runtime.registerAgentType('t', { command: process.execPath, args: [agent], capabilities: ['Noop'], minIdle: 1 });
      await runtime.start();
      const local: number[] = [];
      for (let i = 0; i < ROUND_TRIPS + 20; i++) {
        const t0 = performance.now();
        await runtime.submit(task(`local-${i}`, 'Noop'));
        if (i >= 20) local.push(performance.now() - t0);
      }
      await runtime.shutdown();
      // Through Redis, one worker host with one warm agent.
      hosts.push(await startHost(workerScript, [url, agent, 'Noop', '1']));
      const remote: number[] = [];
      for (let i = 0; i < ROUND_TRIPS + 20; i++) {
        const t0 = performance.now();
        await client.submit(task(`remote-${i}`, 'Noop'));
        if (i >= 20) remote.push(performance.now() - t0);
      }
      await stopHosts(hosts.splice(0));
      // Scaling: 1, 2, 4 hosts.
      const rate: Record<number, number> = {};
      for (const n of [1, 2, 4]) {
        hosts.push(
          ...(await Promise.all(
            Array.from({ length: n }, () => startHost(workerScript, [url, agent, 'Sleep', String(PER_HOST)])),
          )),
        );
        // Warm-up (not timed): each host's first tasks start its runtime's lazy parts (shared MCP, queue
        // connections); the figure is the steady rate, as the local baseline's is.
        await Promise.all(
          Array.from({ length: 2 * PER_HOST * n }, (_, i) => client.submit(task(`w${n}-${i}`, 'Sleep', SLEEP_MS))),
        );
        const total = TASKS_PER_HOST * n;
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: total }, (_, i) => client.submit(task(`s${n}-${i}`, 'Sleep', SLEEP_MS))),
        );
        rate[n] = total / ((performance.now() - t0) / 1000);
        await stopHosts(hosts.splice(0));
      }
      console.log(
        `cluster: p50 local ${p50(local).toFixed(2)} ms, via Redis ${p50(remote).toFixed(2)} ms; ` +
          `tasks/s 1 host ${rate[1]!.toFixed(1)}, 2 hosts ${rate[2]!.toFixed(1)}, 4 hosts ${rate[4]!.toFixed(1)}`,
      );
      return [
        figure('cluster_overhead_p50', 'ms', p50(remote), p50(local), 'local AgentRuntime.submit, same run (p50)', {
          text: 'value - baseline <= 3',
          met: (f) => f.value - p50(local) <= 3,
        }),
        figure('cluster_scaling_2', 'tasks/s', rate[2]!, 2 * rate[1]!, 'ideal linear: 2 × the 1-host rate'),
        figure('cluster_scaling', 'tasks/s', rate[4]!, 4 * rate[1]!, 'ideal linear: 4 × the 1-host rate', {
          text: 'ratio >= 0.8',
          met: (f) => (f.ratio ?? 0) >= 0.8,
        }),
      ];
    } finally {
      await client.close();
      await stopHosts(hosts);
      redis.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default suite;
