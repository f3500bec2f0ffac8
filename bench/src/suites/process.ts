import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AAP_PROTOCOL_VERSION, JsonRpcPeer } from '@axon/agent';
import { ProcessManager } from '@axon/process';
import { percentile } from '@axon/executor/internals';
import { builtFile } from '../paths.js';
import { figure, type Figure, type Suite } from '../report.js';

const agentDist = builtFile('agent', 'sdk.js');
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SPAWN_ROUNDS = 25;
const AGENTS = 100;
const IDLE_MS = 30_000;
// AXON_BENCH_IDLE_1000=1 adds idle_supervision_cpu_1000: 1 000 stdlib Python sample agents (lighter than Node).
const IDLE_1000 = process.env.AXON_BENCH_IDLE_1000 === '1';
const pythonAgent = join(repoRoot, 'apps', 'agents', 'python', 'summary_agent.py');

// A minimal agent on runAgent, and the bare baseline script (the same kind of entry: an .mjs file), written to a
// temporary directory so the suite needs no fixture files.
function writeScripts(dir: string): { agent: string; bare: string } {
  const agent = join(dir, 'minimal-agent.mjs');
  writeFileSync(
    agent,
    `import { runAgent } from ${JSON.stringify(pathToFileURL(agentDist).href)};\nawait runAgent({ capabilities: [], execute: async () => ({ output: null }) });\n`,
  );
  const bare = join(dir, 'bare.mjs');
  writeFileSync(bare, 'console.log("ready");\nsetInterval(() => {}, 1000);\n');
  return { agent, bare };
}

/** Bare baseline: a node child spawned with child_process (`args`: a script file, or `-e`), until its first stdout line. */
function bareNodeFirstLine(args: string[]): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    // Detached like the manager's agents (own session: the same treatment by the kernel's autogroup scheduler).
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
    child.on('error', reject);
    createInterface({ input: child.stdout }).once('line', () => {
      const ms = performance.now() - t0;
      child.once('exit', () => resolve(ms));
      child.kill('SIGKILL');
    });
  });
}

/** The same agent spawned bare (detached, like the manager's) until it answers `initialize` through a plain peer. */
async function bareAgentReady(agent: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [agent], { stdio: ['pipe', 'pipe', 'ignore'], detached: true });
  const peer = new JsonRpcPeer({ name: 'bare', input: child.stdout, output: child.stdin, requestTimeout: 60_000 });
  try {
    await peer.request('initialize', {
      protocolVersion: AAP_PROTOCOL_VERSION,
      agent: { id: 'bare', name: 'bare', type: 'bench' },
      heartbeatIntervalMs: 10_000,
    });
    return performance.now() - t0;
  } finally {
    peer.close();
    await new Promise((r) => {
      child.once('exit', r);
      child.kill('SIGKILL');
    });
  }
}

interface SpawnMedians {
  /** Spawn to Ready with isolation on, off; the bare .mjs child and the `node -e` child; ms. */
  iso: number;
  noIso: number;
  bare: number;
  inline: number;
  /** The same agent spawned bare and initialized through a plain peer. */
  bareAgent: number;
  /** Spawn to Ready in a bubblewrap sandbox (default policy, the agent's directory and the SDK readable); null without one. */
  sandboxed: number | null;
}

/** All four measured in every round, in turn, so that load on a shared machine hits them alike; medians. */
async function spawnToReady(s: { agent: string; bare: string }): Promise<SpawnMedians> {
  const pmIso = new ProcessManager({ enableIsolation: true, shutdownGracePeriod: 1_000 });
  const pmNoIso = new ProcessManager({ enableIsolation: false, shutdownGracePeriod: 1_000 });
  const caps = await pmIso.platform();
  // The agent script's directory is its workspace; the SDK it imports lives in the repository.
  const pmSbx = caps.sandbox.available
    ? new ProcessManager({
        shutdownGracePeriod: 1_000,
        workingDirectory: dirname(s.agent),
        sandbox: { filesystem: { read: [repoRoot] } },
      })
    : null;
  const samples: Record<keyof SpawnMedians, number[]> = {
    iso: [],
    noIso: [],
    bare: [],
    inline: [],
    bareAgent: [],
    sandboxed: [],
  };
  const bareInline = ['-e', 'console.log("ready"); setInterval(() => {}, 1000)'];
  const ready = async (pm: ProcessManager, i: number) => {
    const t0 = performance.now();
    const h = await pm.spawn({ name: `a${i}`, type: 'bench', command: process.execPath, args: [s.agent] });
    const ms = performance.now() - t0;
    await pm.terminate(h.id);
    return ms;
  };
  try {
    // Round 0 is the warm-up of every path (disk cache, probe) and is not counted.
    for (let i = 0; i <= SPAWN_ROUNDS; i++) {
      const round = {
        bare: await bareNodeFirstLine([s.bare]),
        iso: await ready(pmIso, i),
        inline: await bareNodeFirstLine(bareInline),
        noIso: await ready(pmNoIso, i),
        bareAgent: await bareAgentReady(s.agent),
        ...(pmSbx && { sandboxed: await ready(pmSbx, i) }),
      };
      if (i > 0) for (const [k, v] of Object.entries(round)) samples[k as keyof SpawnMedians].push(v);
    }
  } finally {
    await Promise.all([pmIso.close(), pmNoIso.close(), pmSbx?.close()]);
  }
  return {
    iso: percentile(samples.iso, 50),
    noIso: percentile(samples.noIso, 50),
    bare: percentile(samples.bare, 50),
    inline: percentile(samples.inline, 50),
    bareAgent: percentile(samples.bareAgent, 50),
    sandboxed: pmSbx ? percentile(samples.sandboxed, 50) : null,
  };
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

/**
 * CPU of the supervising process (this one) over {@link IDLE_MS} with `count` idle agents, 1 s resource sampling
 * and heartbeats every `heartbeatMs`, as percent of one core.
 */
async function idleSupervision(o: { command: string; args: string[]; count: number; heartbeatMs: number }) {
  const pm = new ProcessManager({
    maxConcurrentProcesses: o.count,
    heartbeatTimeout: o.heartbeatMs * 3,
    heartbeatInterval: o.heartbeatMs,
    resourceSamplingInterval: 1_000,
    shutdownGracePeriod: 2_000,
    spawnTimeout: 120_000,
  });
  try {
    for (let i = 0; i < o.count; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, o.count - i) }, (_, k) =>
          pm.spawn({ id: `idle-${i + k}`, name: 'idle', type: 'bench', command: o.command, args: o.args }),
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 3_000)); // let start-up work settle
    const value = await cpuPercentOver(IDLE_MS);
    const ready = pm.list().filter((a) => a.state === 'ready').length;
    if (ready !== o.count) throw new Error(`only ${ready} of ${o.count} agents stayed ready`);
    return value;
  } finally {
    await pm.close();
  }
}

const idleFigure = (name: string, value: number, idle: number, what: string, max: number): Figure =>
  figure(
    name,
    '%',
    value,
    null,
    `absolute, % of one core, ${what}; same process idle without agents: ${idle.toFixed(3)} %`,
    {
      text: `value <= ${max}`,
      met: (f) => f.value <= max,
    },
  );

const suite: Suite = {
  name: 'process',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'axon-bench-process-'));
    try {
      const scripts = writeScripts(dir);
      const m = await spawnToReady(scripts);
      const idle = await cpuPercentOver(5_000);
      const node = { command: process.execPath, args: [scripts.agent], count: AGENTS };
      const idle1s = await idleSupervision({ ...node, heartbeatMs: 1_000 });
      const idle10s = await idleSupervision({ ...node, heartbeatMs: 10_000 });
      const idle1000 = IDLE_1000
        ? await idleSupervision({ command: 'python3', args: [pythonAgent], count: 1_000, heartbeatMs: 10_000 })
        : null;
      const ratioTarget = {
        text: 'ratio <= 1.10',
        met: (f: { ratio: number | null }) => f.ratio !== null && f.ratio <= 1.1,
      };
      const bareName = 'bare node child_process spawn of a one-line .mjs script, first stdout line (median)';
      return [
        figure('spawn_to_ready', 'ms', m.iso, m.bare, bareName, ratioTarget),
        figure('spawn_to_ready_no_isolation', 'ms', m.noIso, m.bare, bareName),
        figure(
          'spawn_to_ready_vs_bare_agent',
          'ms',
          m.iso,
          m.bareAgent,
          'the same agent spawned bare (detached) and answered `initialize` through a plain JsonRpcPeer (median)',
          { text: 'ratio <= 1.1', met: (f) => f.ratio !== null && f.ratio <= 1.1 },
        ),
        ...(m.sandboxed === null
          ? []
          : [
              figure('spawn_to_ready_sandboxed', 'ms', m.sandboxed, m.bare, bareName, {
                text: 'ratio <= 1.3',
                met: (f: { ratio: number | null }) => f.ratio !== null && f.ratio <= 1.3,
              }),
            ]),
        figure(
          'spawn_to_ready_vs_node_e',
          'ms',
          m.iso,
          m.inline,
          'bare `node -e` child (no module file to load), first stdout line (median)',
        ),
        idleFigure('idle_supervision_cpu', idle1s, idle, `${AGENTS} Node agents, 1 s sampling, 1 s heartbeats`, 1),
        idleFigure(
          'idle_supervision_cpu_10s_heartbeats',
          idle10s,
          idle,
          `${AGENTS} Node agents, 1 s sampling, 10 s heartbeats (the runtime's default heartbeatTimeout / 3)`,
          1,
        ),
        ...(idle1000 === null
          ? []
          : [
              idleFigure(
                'idle_supervision_cpu_1000',
                idle1000,
                idle,
                '1 000 stdlib Python sample agents, 1 s sampling, 10 s heartbeats',
                3,
              ),
            ]),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
