import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { AgentExecutor } from '@axon/executor';
import { McpServerPool } from '@axon/mcp';
import { ProcessManager } from '@axon/process';
import Tinypool from 'tinypool';
import { figure, percentile, type Suite } from '../report.js';

// No-op tasks on 2 agents, with 1 and 64 in flight, against two baselines measured in the same run:
// (a) raw newline-JSON request/response over the stdio of 2 plain Node children, pipelined;
// (b) Tinypool with runtime 'child_process' and 2 workers.
const SEQUENTIAL = 600;
const PARALLEL = 4_000;
const IN_FLIGHT = 64;
const ROUNDS = 3;

interface Runner {
  one(i: number): Promise<unknown>;
  /** Runs `n` tasks with `inFlight` outstanding, when the subject has its own way to (else lanes over `one`). */
  batch?(n: number, inFlight: number): Promise<unknown>;
  close(): Promise<void>;
}

const task = (i: number) => ({ taskId: `bench-${i}`, objective: 'no-op', boundaries: { scope: ['bench'] } });

/** Runs `n` calls of `fn` with at most `inFlight` outstanding; returns tasks per second. */
async function throughput(n: number, inFlight: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < n) await fn(next++);
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return n / ((performance.now() - started) / 1_000);
}

/** Runs `n` calls one at a time; returns the p50 latency in ms. */
async function latencyP50(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return percentile(samples, 50);
}

const RAW_CHILD = `
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buf += chunk;
  let nl;
  let out = '';
  while ((nl = buf.indexOf('\\n')) >= 0) {
    const line = buf.slice(0, nl);
    buf = buf.slice(nl + 1);
    if (!line) continue;
    const msg = JSON.parse(line);
    out += JSON.stringify({ jsonrpc: '2.0', id: msg.id, result: { output: 'done' } }) + '\\n';
  }
  if (out) process.stdout.write(out);
});
process.stdin.on('end', () => process.exit(0));
`;

async function rawPipe(): Promise<Runner> {
  const children = [0, 1].map(() => {
    const child: ChildProcess = spawn(process.execPath, ['-e', RAW_CHILD], { stdio: ['pipe', 'pipe', 'inherit'] });
    const pending = new Map<number, () => void>();
    let buf = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const msg = JSON.parse(buf.slice(0, nl)) as { id: number };
        buf = buf.slice(nl + 1);
        pending.get(msg.id)?.();
        pending.delete(msg.id);
      }
    });
    return { child, pending };
  });
  let id = 0;
  return {
    one(i) {
      const c = children[i % 2]!;
      const reqId = id++;
      return new Promise<void>((resolve) => {
        c.pending.set(reqId, resolve);
        c.child.stdin!.write(JSON.stringify({ jsonrpc: '2.0', id: reqId, method: 'task/execute', params: { task: task(i), attempt: 1 } }) + '\n');
      });
    },
    async close() {
      await Promise.all(
        children.map(({ child }) => new Promise((r) => {
          child.once('exit', r);
          child.stdin!.end();
        })),
      );
    },
  };
}

async function tinypool(dir: string): Promise<Runner> {
  const file = join(dir, 'noop-worker.mjs');
  writeFileSync(file, 'export default function noop(task) { return { output: "done", taskId: task.taskId }; }\n');
  const pool = new Tinypool({ filename: pathToFileURL(file).href, runtime: 'child_process', minThreads: 2, maxThreads: 2 });
  return {
    one: (i) => pool.run(task(i)),
    close: () => pool.destroy(),
  };
}

const AGENT = (agentUrl: string) => `
import { runAgent } from ${JSON.stringify(agentUrl)};
runAgent({ name: 'noop', capabilities: ['bench'], execute: async () => ({ output: 'done' }) });
`;

async function executor(): Promise<Runner> {
  const pm = new ProcessManager({});
  const pool = new McpServerPool({});
  const exec = new AgentExecutor(pm, pool, {});
  const code = AGENT(import.meta.resolve('@axon/agent'));
  const ids: string[] = [];
  for (const n of [0, 1]) {
    const h = await pm.spawn({ name: `noop-${n}`, type: 'bench', command: process.execPath, args: ['--input-type=module', '-e', code] });
    ids.push(h.id);
  }
  // Sliding window over both agents: never two tasks on one agent, so a lane waits for whichever agent is free.
  const free = [...ids];
  const waiters: Array<(id: string) => void> = [];
  const acquire = () => (free.length > 0 ? Promise.resolve(free.shift()!) : new Promise<string>((r) => waiters.push(r)));
  const release = (id: string) => (waiters.length > 0 ? waiters.shift()!(id) : free.push(id));
  return {
    async one(i) {
      const id = await acquire();
      try {
        return await exec.executeTask(id, task(i));
      } finally {
        release(id);
      }
    },
    // The executor's own sliding window: 64 submitted, at most one running per agent.
    async batch(n, inFlight) {
      const tasks = Array.from({ length: n }, (_, i) => ({ agentId: ids[i % 2]!, delegation: task(i) }));
      const settled = await exec.executeTasksParallel(tasks, inFlight);
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw (failed).reason;
    },
    async close() {
      await exec.close();
      await pm.terminateAll();
      await pool.shutdownAll();
    },
  };
}

/** Median over rounds of `measure` on a fresh runner each round (warm-up calls excluded). */
async function rounds(make: () => Promise<Runner>, measure: (r: Runner) => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    const r = await make();
    try {
      for (let i = 0; i < 50; i++) await r.one(i);
      values.push(await measure(r));
    } finally {
      await r.close();
    }
  }
  return percentile(values, 50);
}

export default {
  name: 'executor',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'axon-bench-executor-'));
    try {
      const lat = (r: Runner) => latencyP50(SEQUENTIAL, (i) => r.one(i));
      const thr = async (r: Runner) => {
        if (!r.batch) return throughput(PARALLEL, IN_FLIGHT, (i) => r.one(i));
        const t = performance.now();
        await r.batch(PARALLEL, IN_FLIGHT);
        return PARALLEL / ((performance.now() - t) / 1_000);
      };
      const exLat = await rounds(executor, lat);
      const rawLat = await rounds(rawPipe, lat);
      const tpLat = await rounds(() => tinypool(dir), lat);
      const exThr = await rounds(executor, thr);
      const rawThr = await rounds(rawPipe, thr);
      const tpThr = await rounds(() => tinypool(dir), thr);
      return [
        figure('throughput_64', 'tasks/s', exThr, tpThr, "Tinypool 2 workers, runtime 'child_process'", {
          text: 'ratio >= 2',
          met: ({ ratio }) => ratio !== null && ratio >= 2,
        }),
        figure('latency_p50_1', 'ms', exLat, rawLat, 'raw newline-JSON over stdio, 2 node children', {
          text: 'ratio <= 1.5',
          met: ({ ratio }) => ratio !== null && ratio <= 1.5,
        }),
        figure('throughput_64_vs_raw_pipe', 'tasks/s', exThr, rawThr, 'raw newline-JSON over stdio, 2 node children, pipelined'),
        figure('latency_p50_1_vs_tinypool', 'ms', exLat, tpLat, "Tinypool 2 workers, runtime 'child_process'"),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
} satisfies Suite;
