// The dashboard: lit-html views over the admin API. Snapshots come from /api/*, live changes from /api/events (SSE);
// the session cookie authenticates both.
import { html, render, svg, nothing, type TemplateResult } from 'lit-html';

interface Agent {
  id: string;
  name: string;
  type: string;
  status: string;
  pid: number;
  resources?: { cpuPercent: number; memoryBytes: number };
  counters: { tasksCompleted: number; tasksFailed: number; restarts: number };
  startedAt?: number;
  lastFailure?: { code: string; message: string; at: number };
}
interface Task {
  id: string;
  objective?: string;
  status: string;
  priority: number;
  queuedAt: number;
  startedAt?: number;
  finishedAt?: number;
  agentId?: string;
  attempt: number;
  error?: { code: string; message: string };
  stderrTail?: string[];
}
interface Tasks {
  queued: Task[];
  running: Task[];
  recent: Task[];
}
interface Stats {
  runtime: string;
  uptimeMs: number;
  statistics: {
    breakers: Record<string, string>;
    totalRestarts: number;
    totalTasksExecuted: number;
    totalTasksFailed: number;
  };
}
interface BusEvent {
  type: string;
  seq: number;
  timestamp: number;
  agentId?: string;
  taskId?: string;
  tool?: string;
  cpuPercent?: number;
  memoryBytes?: number;
}

const SAMPLES = 60;
const RATE_WINDOW_MS = 60_000;

const state = {
  agents: [] as Agent[],
  tasks: { queued: [], running: [], recent: [] } as Tasks,
  stats: undefined as Stats | undefined,
  samples: new Map<string, { cpu: number[]; mem: number[] }>(),
  toolCalls: [] as Array<{ at: number; server: string }>,
  live: false,
  message: '',
};

async function api<T>(method: string, path: string): Promise<T> {
  const res = await fetch(path, { method, credentials: 'same-origin', headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => null)) as T & { error?: { code: string; message: string } };
  if (!res.ok) throw new Error(body?.error ? `${body.error.code}: ${body.error.message}` : res.statusText);
  return body;
}

// Coalesces bursts of events into one refresh per kind.
const timers = new Map<string, number>();
function soon(kind: string, fn: () => Promise<void>, ms = 150): void {
  if (timers.has(kind)) return;
  timers.set(
    kind,
    window.setTimeout(() => {
      timers.delete(kind);
      fn().then(draw, (e: Error) => flash(e.message));
    }, ms),
  );
}

const loadAgents = async () => {
  state.agents = (await api<{ agents: Agent[] }>('GET', '/api/agents')).agents;
};
const loadTasks = async () => {
  state.tasks = await api<Tasks>('GET', '/api/tasks');
};
const loadStats = async () => {
  state.stats = await api<Stats>('GET', '/api/stats');
};

function sample(e: BusEvent): void {
  if (!e.agentId) return;
  let s = state.samples.get(e.agentId);
  if (!s) state.samples.set(e.agentId, (s = { cpu: [], mem: [] }));
  s.cpu.push(e.cpuPercent ?? 0);
  s.mem.push(e.memoryBytes ?? 0);
  if (s.cpu.length > SAMPLES) s.cpu.shift();
  if (s.mem.length > SAMPLES) s.mem.shift();
}

function serverOf(tool: string): string {
  const at = tool.indexOf('__');
  return at > 0 ? tool.slice(0, at) : 'cortex';
}

function onEvent(e: BusEvent): void {
  if (e.type === 'health.metrics') {
    sample(e);
    const a = state.agents.find((x) => x.id === e.agentId);
    if (a) a.resources = { cpuPercent: e.cpuPercent ?? 0, memoryBytes: e.memoryBytes ?? 0 };
    soon('draw', async () => undefined, 250);
    return;
  }
  if (e.type === 'tool.call' && e.tool) {
    state.toolCalls.push({ at: e.timestamp, server: serverOf(e.tool) });
    soon('draw', async () => undefined, 250);
  }
  if (e.type.startsWith('agent.') || e.type.startsWith('recovery.') || e.type.startsWith('health.'))
    soon('agents', loadAgents);
  if (e.type.startsWith('task.')) soon('tasks', loadTasks);
  if (e.type.startsWith('recovery.') || e.type === 'task.completed' || e.type === 'task.failed')
    soon('stats', loadStats, 500);
}

function connect(): void {
  const source = new EventSource(
    '/api/events?type=agent.*,task.*,tool.*,recovery.*,health.metrics,health.agent-failed',
  );
  source.onopen = () => {
    state.live = true;
    // Whatever happened while disconnected: take fresh snapshots.
    Promise.all([loadAgents(), loadTasks(), loadStats()]).then(draw, (e: Error) => flash(e.message));
  };
  source.onerror = () => {
    state.live = false;
    draw();
  };
  source.onmessage = (m) => onEvent(JSON.parse(m.data as string) as BusEvent);
  const types = [
    'agent.spawned',
    'agent.state',
    'agent.exited',
    'agent.terminated',
    'agent.log',
    'task.queued',
    'task.started',
    'task.completed',
    'task.failed',
    'task.cancelled',
    'task.retrying',
    'task.progress',
    'tool.call',
    'health.metrics',
    'health.agent-failed',
    'recovery.restart-scheduled',
    'recovery.restarted',
    'recovery.restart-failed',
    'recovery.gave-up',
    'recovery.breaker-opened',
    'recovery.breaker-half-open',
    'recovery.breaker-closed',
  ];
  for (const t of types) source.addEventListener(t, (m) => onEvent(JSON.parse(m.data as string) as BusEvent));
}

function flash(message: string): void {
  state.message = message;
  draw();
  window.setTimeout(() => {
    if (state.message === message) {
      state.message = '';
      draw();
    }
  }, 6000);
}

async function act(method: string, path: string, what: string): Promise<void> {
  try {
    await api(method, path);
    flash(`${what}: requested`);
  } catch (e) {
    flash(`${what}: ${(e as Error).message}`);
  }
}

// ── views ──

const mib = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;
function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60}s`;
  return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
}

// CPU is drawn from 0 (to at least 1 %), memory between its own lowest and highest sample (its trend shows).
function spark(values: number[], label: string, fromZero: boolean): TemplateResult {
  const w = 80;
  const h = 18;
  if (values.length < 2) return html`<svg class="spark" width=${w} height=${h} aria-label=${label}></svg>`;
  const lo = fromZero ? 0 : Math.min(...values);
  const span = Math.max(...values, fromZero ? 1 : lo) - lo || 1;
  const pts = values.map(
    (v, i) => `${((i / (values.length - 1)) * w).toFixed(1)},${(h - 1 - ((v - lo) / span) * (h - 2)).toFixed(1)}`,
  );
  return html`<svg class="spark" width=${w} height=${h} aria-label=${label}>
    ${svg`<polyline points=${pts.join(' ')} />`}
  </svg>`;
}

function agentsView(): TemplateResult {
  const now = Date.now();
  return html`<section id="agents">
    <h2>Agents (${state.agents.length})</h2>
    <table>
      <thead>
        <tr>
          <th>name</th>
          <th>type</th>
          <th>state</th>
          <th class="num">pid</th>
          <th class="num">CPU</th>
          <th class="num">memory</th>
          <th class="num">tasks ✓/✗</th>
          <th class="num">restarts</th>
          <th class="num">uptime</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${state.agents.map((a) => {
          const s = state.samples.get(a.id);
          return html`<tr data-agent-id=${a.id} data-pid=${a.pid} data-state=${a.status}>
            <td title=${a.id}>${a.name}</td>
            <td>${a.type}</td>
            <td class="state-${a.status}">${a.status}</td>
            <td class="num pid">${a.pid || '-'}</td>
            <td class="num">
              ${spark(s?.cpu ?? [], 'CPU', true)} ${a.resources ? `${a.resources.cpuPercent.toFixed(1)}%` : '-'}
            </td>
            <td class="num">
              ${spark(s?.mem ?? [], 'memory', false)} ${a.resources ? mib(a.resources.memoryBytes) : '-'}
            </td>
            <td class="num">${a.counters.tasksCompleted}/${a.counters.tasksFailed}</td>
            <td class="num restarts">${a.counters.restarts}</td>
            <td class="num">${a.startedAt ? ago(now - a.startedAt) : '-'}</td>
            <td>
              <button
                data-restart=${a.id}
                @click=${() => act('POST', `/api/agents/${encodeURIComponent(a.id)}/restart`, `restart ${a.name}`)}
              >
                restart
              </button>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </section>`;
}

function tasksView(): TemplateResult {
  const rows = [...state.tasks.running, ...state.tasks.queued];
  const now = Date.now();
  return html`<section id="tasks">
    <h2>Tasks in flight (${state.tasks.running.length}) and queued (${state.tasks.queued.length})</h2>
    ${
      rows.length === 0
        ? html`<p class="muted">No task is running or waiting.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>task</th>
                <th>state</th>
                <th>agent</th>
                <th class="num">priority</th>
                <th class="num">attempt</th>
                <th class="num">age</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (t) =>
                  html`<tr data-task-id=${t.id}>
                    <td title=${t.objective ?? ''}>${t.id}</td>
                    <td class="state-${t.status}">${t.status}</td>
                    <td>${t.agentId ? (state.agents.find((a) => a.id === t.agentId)?.name ?? t.agentId) : '-'}</td>
                    <td class="num">${t.priority}</td>
                    <td class="num">${t.attempt}</td>
                    <td class="num">${ago(now - (t.startedAt ?? t.queuedAt))}</td>
                    <td>
                      <button
                        data-cancel=${t.id}
                        @click=${() => act('DELETE', `/api/tasks/${encodeURIComponent(t.id)}`, `cancel ${t.id}`)}
                      >
                        cancel
                      </button>
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

function failuresView(): TemplateResult {
  const failed = state.tasks.recent.filter((t) => t.status === 'failed' || t.status === 'cancelled').slice(0, 10);
  return html`<section id="failures">
    <h2>Recent failures</h2>
    ${
      failed.length === 0
        ? html`<p class="muted">None.</p>`
        : failed.map(
            (t) =>
              html`<div class="failure" data-failed-task=${t.id}>
                <strong>${t.id}</strong> <span class="state-${t.status}">${t.error?.code ?? t.status}</span>
                <span class="muted">${t.finishedAt ? new Date(t.finishedAt).toLocaleTimeString() : ''}</span>
                <div>${t.error?.message ?? ''}</div>
                ${t.stderrTail && t.stderrTail.length > 0 ? html`<pre>${t.stderrTail.join('\n')}</pre>` : nothing}
              </div>`,
          )
    }
  </section>`;
}

function toolsView(): TemplateResult {
  const since = Date.now() - RATE_WINDOW_MS;
  state.toolCalls = state.toolCalls.filter((c) => c.at >= since);
  const by = new Map<string, number>();
  for (const c of state.toolCalls) by.set(c.server, (by.get(c.server) ?? 0) + 1);
  const max = Math.max(1, ...by.values());
  return html`<section id="tools">
    <h2>Tool calls per minute, by server</h2>
    ${
      by.size === 0
        ? html`<p class="muted">No tool call in the last minute.</p>`
        : html`<table>
            <tbody>
              ${[...by].map(
                ([server, n]) =>
                  html`<tr data-server=${server}>
                    <td>${server}</td>
                    <td class="num">${n}</td>
                    <td>
                      <svg class="bar" width="160" height="8">
                        ${svg`<rect width=${Math.max(2, Math.round((n / max) * 160))} height="8" rx="2" />`}
                      </svg>
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

function recoveryView(): TemplateResult {
  const breakers = Object.entries(state.stats?.statistics.breakers ?? {});
  return html`<section id="recovery">
    <h2>Restarts and breakers</h2>
    <p>Restarts: <strong class="total-restarts">${state.stats?.statistics.totalRestarts ?? 0}</strong></p>
    ${
      breakers.length === 0
        ? html`<p class="muted">No breaker yet.</p>`
        : html`<table>
            <tbody>
              ${breakers.map(
                ([type, s]) =>
                  html`<tr data-breaker=${type}>
                    <td>${type}</td>
                    <td class="state-${s}">${s}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

function draw(): void {
  const st = state.stats;
  render(
    html`<header>
        <h1>Axon</h1>
        <span class="pill ${state.live ? 'live' : 'offline'}" id="connection"
          >${state.live ? '● live' : '○ offline'}</span
        >
        <span class="pill">runtime ${st?.runtime ?? '…'}</span>
        <span class="pill">up ${st ? ago(st.uptimeMs) : '…'}</span>
        <span class="pill"
          >tasks ${st?.statistics.totalTasksExecuted ?? 0} · failed ${st?.statistics.totalTasksFailed ?? 0}</span
        >
        <span class="muted" role="status">${state.message}</span>
      </header>
      ${agentsView()} ${tasksView()}
      <div class="grid">${failuresView()} ${toolsView()} ${recoveryView()}</div>`,
    document.getElementById('app')!,
  );
}

document.getElementById('app')!.textContent = '';
connect();
window.setInterval(() => soon('stats', loadStats), 5000);
