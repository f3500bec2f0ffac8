import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { builtFile } from '../paths.js';
import { figure, type Figure, type Suite } from '../report.js';

// The server runs in a plain `node` child (built dist, no bench harness) so that its CPU is its own; it talks to this
// process in JSON lines on stdout, and waits on stdin where this process must act (open the dashboard).
const dist = (p: string) => pathToFileURL(builtFile(p)).href;

const QUICK = process.env.AXON_BENCH_QUICK === '1';
const AGENTS = QUICK ? 10 : 100;
const WINDOW_MS = QUICK ? 3_000 : 20_000;
const TASKS = QUICK ? 500 : 4_000;
const POOL = 8;
const IN_FLIGHT = 64;
const CHROMIUM = process.env.AXON_CHROMIUM ?? '/usr/bin/chromium';

const AGENT_SRC = `import { runAgent } from ${JSON.stringify(dist('agent'))};\nrunAgent({ capabilities: ['Noop'], execute: async () => null });\n`;

// Tasks/s through runtime.submit and through POST /api/tasks (keep-alive fetch, 202 then the task.completed event),
// alternating rounds in one server process.
const THROUGHPUT_SRC = `
import http from 'node:http';
import { AxonServer, parseServeConfig } from ${JSON.stringify(dist('server'))};
const [agent, stateDir, total, pool, inFlight] = [process.argv[2], process.argv[3], ...process.argv.slice(4).map(Number)];
const config = parseServeConfig({
  agentTypes: { noop: { command: process.execPath, args: [agent], capabilities: ['Noop'], minIdle: pool, max: pool } },
  server: { port: 0, stateDir, recentTasks: 100 },
  process: { maxConcurrentProcesses: pool + 2 },
  mcp: { mode: 'shared' },
}, { env: {} });
const server = await AxonServer.start(config, { writeStateFile: false });
const rt = server.runtime;
while (rt.listAgents().filter((a) => a.status === 'ready' || a.status === 'idle').length < pool) await new Promise((r) => setTimeout(r, 50));
const task = (id) => ({ taskId: id, objective: 'no-op', boundaries: { scope: ['bench'] }, requiredCapabilities: ['Noop'] });
const finished = new Map();
rt.subscribe((e) => { if (e.type === 'task.completed' || e.type === 'task.failed') { finished.get(e.taskId)?.(); finished.delete(e.taskId); } });
const viaSubmit = (id) => rt.submit(task(id));
// node:http with a keep-alive agent: the lightest stock client (undici's fetch in this process cost more CPU than the
// server's own handling, so the figure measured the client).
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: inFlight });
const post = (body) => new Promise((resolve, reject) => {
  const req = http.request(server.url + '/api/tasks', { method: 'POST', agent: keepAlive, headers: { authorization: 'Bearer ' + server.token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
    let text = '';
    res.setEncoding('utf8').on('data', (d) => (text += d)).on('end', () => resolve({ status: res.statusCode, text }));
  });
  req.on('error', reject);
  req.end(body);
});
const viaApi = async (id) => {
  const done = new Promise((r) => finished.set(id, r));
  const res = await post(JSON.stringify(task(id)));
  if (res.status !== 202) throw new Error('POST /api/tasks: ' + res.status + ' ' + res.text);
  await done;
};
async function rate(run, prefix, n) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => { while (next < n) { const i = next++; await run(prefix + i); } }));
  return n / ((performance.now() - t0) / 1000);
}
await rate(viaSubmit, 'ws', Math.min(500, total)); await rate(viaApi, 'wa', Math.min(500, total));
const submit = [], api = [];
for (let round = 0; round < 3; round++) { submit.push(await rate(viaSubmit, 's' + round + '-', total)); api.push(await rate(viaApi, 'a' + round + '-', total)); }
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
keepAlive.destroy();
await server.stop();
console.log(JSON.stringify({ submit: median(submit), api: median(api) }));
`;

// CPU of the server process with N idle agents: a window without the dashboard, then one with it open.
const DASHBOARD_SRC = `
import { AxonServer, parseServeConfig } from ${JSON.stringify(dist('server'))};
import { createInterface } from 'node:readline';
const [agent, stateDir, agents, windowMs] = [process.argv[2], process.argv[3], ...process.argv.slice(4).map(Number)];
const config = parseServeConfig({
  agentTypes: { idle: { command: process.execPath, args: [agent], capabilities: ['Noop'], minIdle: agents, max: agents } },
  server: { port: 0, stateDir },
  process: { maxConcurrentProcesses: agents + 2 },
}, { env: {} });
const server = await AxonServer.start(config, { writeStateFile: false });
const rt = server.runtime;
while (rt.listAgents().filter((a) => a.status === 'ready' || a.status === 'idle').length < agents) await new Promise((r) => setTimeout(r, 100));
await new Promise((r) => setTimeout(r, 5_000));
const cpu = async () => { const u0 = process.cpuUsage(); const t0 = performance.now(); await new Promise((r) => setTimeout(r, windowMs)); const u = process.cpuUsage(u0); return ((u.user + u.system) / 1000 / (performance.now() - t0)) * 100; };
const without = await cpu();
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
console.log(JSON.stringify({ url: server.url, token: server.token }));
await lines.next(); // the dashboard is open and live
const withDashboard = await cpu();
const live = rt.listAgents().filter((a) => a.status === 'ready' || a.status === 'idle').length;
await server.stop();
console.log(JSON.stringify({ without, withDashboard, live }));
`;

function start(
  script: string,
  args: string[],
): { child: ChildProcessByStdio<Writable, Readable, null>; lines: AsyncIterator<string> } {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  return { child, lines: createInterface({ input: child.stdout })[Symbol.asyncIterator]() };
}

async function nextJson(lines: AsyncIterator<string>, what: string): Promise<Record<string, unknown>> {
  for (;;) {
    const r = await lines.next();
    if (r.done) throw new Error(`${what}: the child ended without a result line`);
    if (r.value.startsWith('{')) return JSON.parse(r.value) as Record<string, unknown>;
  }
}

async function dashboardCpu(script: string, agent: string, stateDir: string): Promise<Record<string, number>> {
  const { child, lines } = start(script, [agent, stateDir, String(AGENTS), String(WINDOW_MS)]);
  const exited = new Promise((r) => child.on('exit', r));
  try {
    const { url, token } = (await nextJson(lines, 'dashboard')) as { url: string; token: string };
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${url}/?token=${encodeURIComponent(token)}`);
      await page.waitForSelector('#connection.live');
      await page.waitForFunction(`document.querySelectorAll('tr[data-agent-id]').length === ${AGENTS}`);
      child.stdin.write('open\n');
      return (await nextJson(lines, 'dashboard')) as Record<string, number>;
    } finally {
      await browser.close();
    }
  } finally {
    child.stdin.end();
    await exited;
  }
}

const suite: Suite = {
  name: 'serve',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'axon-bench-serve-'));
    try {
      const agent = join(dir, 'noop-agent.mjs');
      const throughputScript = join(dir, 'throughput.mjs');
      const dashboardScript = join(dir, 'dashboard.mjs');
      writeFileSync(agent, AGENT_SRC);
      writeFileSync(throughputScript, THROUGHPUT_SRC);
      writeFileSync(dashboardScript, DASHBOARD_SRC);
      const t = start(throughputScript, [agent, join(dir, 't'), String(TASKS), String(POOL), String(IN_FLIGHT)]);
      const rates = (await nextJson(t.lines, 'throughput')) as { submit: number; api: number };
      const figures = [
        figure(
          'serve_overhead_tasks_per_second',
          'tasks/s',
          rates.api,
          rates.submit,
          `runtime.submit in the same server process (${POOL} agents, ${IN_FLIGHT} in flight)`,
        ),
      ];
      if (!existsSync(CHROMIUM)) {
        console.warn(`serve: no chromium at ${CHROMIUM}; serve_overhead_dashboard_cpu not measured`);
        return figures;
      }
      const cpu = await dashboardCpu(dashboardScript, agent, join(dir, 'd'));
      if (cpu.live !== AGENTS) throw new Error(`only ${cpu.live} of ${AGENTS} agents stayed ready`);
      figures.push(
        figure(
          'serve_overhead_dashboard_cpu',
          '%',
          cpu.withDashboard!,
          cpu.without!,
          `same server, ${AGENTS} idle agents, dashboard closed (% of one core)`,
          { text: 'ratio <= 1.2', met: (f) => f.ratio !== null && f.ratio <= 1.2 },
        ),
      );
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
