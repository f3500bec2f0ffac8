import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ProcessManager } from '@axon/process';
import { figure, percentile, type Figure, type Suite } from '../report.js';

const agentDist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'packages', 'agent', 'dist', 'sdk.js');
const SPAWN_ROUNDS = 15;
const AGENTS = 100;
const IDLE_MS = 30_000;

// A minimal agent on runAgent, written to a temporary directory so the suite needs no fixture files.
function writeAgent(dir: string): string {
  const file = join(dir, 'minimal-agent.mjs');
  writeFileSync(file, `import { runAgent } from ${JSON.stringify(pathToFileURL(agentDist).href)};\nawait runAgent({ capabilities: [], execute: async () => ({ output: null }) });\n`);
  return file;
}

/** Bare baseline: a node child spawned with child_process, until its first stdout line. */
function bareNodeFirstLine(): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', 'console.log("ready"); setInterval(() => {}, 1000)'], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.on('error', reject);
    createInterface({ input: child.stdout }).once('line', () => {
      const ms = performance.now() - t0;
      child.once('exit', () => resolve(ms));
      child.kill('SIGKILL');
    });
  });
}

async function spawnToReady(agent: string, enableIsolation: boolean): Promise<{ subject: number; baseline: number }> {
  const pm = new ProcessManager({ enableIsolation, shutdownGracePeriod: 1_000 });
  await pm.platform();
  const subject: number[] = [];
  const baseline: number[] = [];
  try {
    // Warm-up of both paths (disk cache, probe), then interleaved rounds so noise hits both alike.
    await bareNodeFirstLine();
    await pm.terminate((await pm.spawn({ name: 'warm', type: 'bench', command: process.execPath, args: [agent] })).id);
    for (let i = 0; i < SPAWN_ROUNDS; i++) {
      baseline.push(await bareNodeFirstLine());
      const t0 = performance.now();
      const h = await pm.spawn({ name: `a${i}`, type: 'bench', command: process.execPath, args: [agent] });
      subject.push(performance.now() - t0);
      await pm.terminate(h.id);
    }
  } finally {
    await pm.close();
  }
  return { subject: percentile(subject, 50), baseline: percentile(baseline, 50) };
}

function cpuPercentOver(ms: number): Promise<number> {
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  return new Promise((resolve) =>
    setTimeout(() => {
      const u = process.cpuUsage(u0);
      resolve(((u.user + u.system) / 1000 / (performance.now() - t0)) * 100);
    }, ms),
  );
}

async function idleSupervision(agent: string): Promise<{ value: number; idle: number }> {
  const idle = await cpuPercentOver(5_000);
  const pm = new ProcessManager({ maxConcurrentProcesses: AGENTS, heartbeatTimeout: 10_000, heartbeatInterval: 1_000, resourceSamplingInterval: 1_000, shutdownGracePeriod: 2_000 });
  try {
    for (let i = 0; i < AGENTS; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, k) => pm.spawn({ id: `idle-${i + k}`, name: 'idle', type: 'bench', command: process.execPath, args: [agent] })));
    }
    await new Promise((r) => setTimeout(r, 3_000)); // let start-up work settle
    const value = await cpuPercentOver(IDLE_MS);
    const ready = pm.list().filter((a) => a.state === 'ready').length;
    if (ready !== AGENTS) throw new Error(`only ${ready} of ${AGENTS} agents stayed ready`);
    return { value, idle };
  } finally {
    await pm.close();
  }
}

const suite: Suite = {
  name: 'process',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'axon-bench-process-'));
    try {
      const agent = writeAgent(dir);
      const iso = await spawnToReady(agent, true);
      const bare = await spawnToReady(agent, false);
      const idle = await idleSupervision(agent);
      const ratioTarget = { text: 'ratio <= 1.2', met: (f: { ratio: number | null }) => f.ratio !== null && f.ratio <= 1.2 };
      return [
        figure('spawn_to_ready', 'ms', iso.subject, iso.baseline, 'bare node child_process spawn, first stdout line (median)', ratioTarget),
        figure('spawn_to_ready_no_isolation', 'ms', bare.subject, bare.baseline, 'bare node child_process spawn, first stdout line (median)'),
        figure('idle_supervision_cpu', '%', idle.value, null, `absolute, % of one core; same process idle without agents: ${idle.idle.toFixed(3)} %`, {
          text: 'value <= 2',
          met: (f) => f.value <= 2,
        }),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
