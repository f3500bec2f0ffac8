import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { AgentExecutor, parseDelegation } from '@axon/executor';
import { percentile } from '@axon/executor/internals';
import { McpServerPool } from '@axon/mcp';
import { ProcessManager, type AgentHandle } from '@axon/process';
import Tinypool from 'tinypool';
import { figure, type Suite } from '../report.js';

// No-op tasks on 2 agents, with 1 and 64 in flight, against two baselines measured in the same run:
// (a) raw newline-JSON request/response over the stdio of 2 plain Node children, pipelined;
// (b) Tinypool with runtime 'child_process' and 2 workers.
// Plus the same 64 in flight on 2 agents that each announce `concurrency: 32` (all 64 running at once), against (a).
const SEQUENTIAL = 5_000;
const CONCURRENCY = 32;
const PARALLEL = 4_000;
const IN_FLIGHT = 64;
const ROUNDS = 5;
const WARM_UP = 1_000;

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

/** Runs `n` tasks one at a time on each runner, taking turns task by task (noise hits all alike); p50 per runner, ms. */
async function latencyP50(n: number, runners: Runner[]): Promise<number[]> {
  const samples: number[][] = runners.map(() => []);
  for (let i = 0; i < n; i++) {
    // Rotate who goes first, so that whatever one runner leaves behind does not always land on the same next one.
    for (let k = 0; k < runners.length; k++) {
      const j = (i + k) % runners.length;
      const t = performance.now();
      await runners[j]!.one(i);
      samples[j]!.push(performance.now() - t);
    }
  }
  return samples.map((s) => percentile(s, 50));
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
        c.child.stdin!.write(
          JSON.stringify({ jsonrpc: '2.0', id: reqId, method: 'task/execute', params: { task: task(i), attempt: 1 } }) +
            '\n',
        );
      });
    },
    async close() {
      await Promise.all(
        children.map(
          ({ child }) =>
            new Promise((r) => {
              child.once('exit', r);
              child.stdin!.end();
            }),
        ),
      );
    },
  };
}

async function tinypool(dir: string): Promise<Runner> {
  const file = join(dir, 'noop-worker.mjs');
  writeFileSync(file, 'export default function noop(task) { return { output: "done", taskId: task.taskId }; }\n');
  const pool = new Tinypool({
    filename: pathToFileURL(file).href,
    runtime: 'child_process',
    minThreads: 2,
    maxThreads: 2,
  });
  return {
    one: (i) => pool.run(task(i)),
    close: () => pool.destroy(),
  };
}

const AGENT = (agentUrl: string, concurrency: number) => `
import { runAgent } from ${JSON.stringify(agentUrl)};
runAgent({ name: 'noop', capabilities: ['bench'], concurrency: ${concurrency}, execute: async () => 'done' });
`;

/**
 * The executor on 2 agents that run `concurrency` tasks at once each, and a bare AAP `task/execute` on the same
 * agents (what the executor adds on top).
 */
async function executor(concurrency = 1): Promise<{ exec: Runner; peer: Runner }> {
  const pm = new ProcessManager({});
  const pool = new McpServerPool({});
  const ex = new AgentExecutor(pm, pool, {});
  const code = AGENT(import.meta.resolve('@axon/agent'), concurrency);
  const handles: AgentHandle[] = [];
  for (const n of [0, 1]) {
    handles.push(
      await pm.spawn({
        name: `noop-${n}`,
        type: 'bench',
        command: process.execPath,
        args: ['--input-type=module', '-e', code],
      }),
    );
  }
  const ids = handles.map((h) => h.id);
  const peer: Runner = {
    one: (i) => handles[i % 2]!.peer.request('task/execute', { task: parseDelegation(task(i)), attempt: 1 }),
    // One request in flight per agent, like the executor.
    batch: (n) =>
      Promise.all(
        handles.map(async (h, k) => {
          for (let i = k; i < n; i += 2)
            await h.peer.request('task/execute', { task: parseDelegation(task(i)), attempt: 1 });
        }),
      ),
    close: async () => undefined,
  };
  // Sliding window over both agents: never more than `concurrency` tasks on one agent, so a lane waits for a slot.
  const free = ids.flatMap((id) => Array.from({ length: concurrency }, () => id));
  const waiters: Array<(id: string) => void> = [];
  const acquire = () =>
    free.length > 0 ? Promise.resolve(free.shift()!) : new Promise<string>((r) => waiters.push(r));
  const release = (id: string) => (waiters.length > 0 ? waiters.shift()!(id) : free.push(id));
  const exec: Runner = {
    async one(i) {
      const id = await acquire();
      try {
        return await ex.executeTask(id, task(i));
      } finally {
        release(id);
      }
    },
    // The executor's own sliding window: 64 submitted, at most `concurrency` running per agent.
    async batch(n, inFlight) {
      const tasks = Array.from({ length: n }, (_, i) => ({ agentId: ids[i % 2]!, delegation: task(i) }));
      const settled = await ex.executeTasksParallel(tasks, inFlight);
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed?.status === 'rejected') throw failed.reason;
    },
    async close() {
      await ex.close();
      await pm.terminateAll();
      await pool.shutdownAll();
    },
  };
  return { exec, peer };
}

/** Measures the runners in turn, round after round (noise hits all alike); medians per runner. */
async function interleaved(runners: Runner[], measure: (r: Runner) => Promise<number>): Promise<number[]> {
  const values: number[][] = runners.map(() => []);
  for (let k = 0; k < ROUNDS; k++) {
    for (const [j, r] of runners.entries()) values[j]!.push(await measure(r));
  }
  return values.map((v) => percentile(v, 50));
}

export default {
  name: 'executor',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'axon-bench-executor-'));
    try {
      const thr = async (r: Runner) => {
        if (!r.batch) return throughput(PARALLEL, IN_FLIGHT, (i) => r.one(i));
        const t = performance.now();
        await r.batch(PARALLEL, IN_FLIGHT);
        return PARALLEL / ((performance.now() - t) / 1_000);
      };
      const { exec, peer } = await executor();
      const { exec: concurrent } = await executor(CONCURRENCY);
      const raw = await rawPipe();
      // The same raw pipe with one request in flight per child: the most a runner that runs one task per agent at a
      // time (the executor on concurrency-1 agents, Tinypool) can reach on these 2 processes.
      const rawOnePerChild: Runner = {
        one: (i) => raw.one(i),
        batch: (n) =>
          Promise.all(
            [0, 1].map(async (k) => {
              for (let i = k; i < n; i += 2) await raw.one(i);
            }),
          ),
        close: async () => undefined,
      };
      const runners = [exec, raw, await tinypool(dir), peer, concurrent, rawOnePerChild];
      let exLat: number,
        rawLat: number,
        tpLat: number,
        peerLat: number,
        exThr: number,
        rawThr: number,
        tpThr: number,
        peerThr: number,
        concThr: number,
        ceilThr: number;
      try {
        for (const r of runners) for (let i = 0; i < WARM_UP; i++) await r.one(i);
        [exLat, rawLat, tpLat, peerLat] = (await latencyP50(SEQUENTIAL, runners.slice(0, 4))) as [
          number,
          number,
          number,
          number,
        ];
        [exThr, rawThr, tpThr, peerThr, concThr, ceilThr] = (await interleaved(runners, thr)) as [
          number,
          number,
          number,
          number,
          number,
          number,
        ];
      } finally {
        for (const r of runners) await r.close();
      }
      return [
        figure('throughput_64', 'tasks/s', exThr, tpThr, "Tinypool 2 workers, runtime 'child_process'", {
          text: 'ratio >= 2',
          met: ({ ratio }) => ratio !== null && ratio >= 2,
        }),
        figure('latency_p50_1', 'ms', exLat, rawLat, 'raw newline-JSON over stdio, 2 node children', {
          text: 'ratio <= 1.3',
          met: ({ ratio }) => ratio !== null && ratio <= 1.3,
        }),
        figure(
          'throughput_64_concurrent',
          'tasks/s',
          concThr,
          rawThr,
          `raw newline-JSON over stdio, 2 node children, pipelined (subject: 2 agents with concurrency ${CONCURRENCY})`,
          { text: 'ratio >= 0.5', met: ({ ratio }) => ratio !== null && ratio >= 0.5 },
        ),
        figure(
          'throughput_64_ceiling',
          'tasks/s',
          ceilThr,
          tpThr,
          'raw newline-JSON over stdio, 2 node children, one request in flight per child (subject) against Tinypool: the highest ratio any one-task-per-process runner can reach for throughput_64',
        ),
        figure(
          'throughput_64_vs_raw_pipe',
          'tasks/s',
          exThr,
          rawThr,
          'raw newline-JSON over stdio, 2 node children, pipelined',
        ),
        figure(
          'throughput_64_vs_aap_peer',
          'tasks/s',
          exThr,
          peerThr,
          'bare AAP task/execute, one in flight per agent, same agents',
        ),
        figure(
          'latency_p50_1_vs_aap_peer',
          'ms',
          exLat,
          peerLat,
          'bare AAP task/execute (JsonRpcPeer + runAgent), same agents',
        ),
        figure('latency_p50_1_vs_tinypool', 'ms', exLat, tpLat, "Tinypool 2 workers, runtime 'child_process'"),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
} satisfies Suite;
