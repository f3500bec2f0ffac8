import type { AgentRuntime } from '@axon/core';
import { TaskDelegationSchema } from '@axon/executor';
import { ApiError, sendJson } from '../http/api-error.js';
import { readJsonBody } from '../http/body.js';
import { Router, type RouteContext } from '../http/router.js';
import { SseStream } from '../http/sse.js';
import type { TaskTracker } from '../tasks/task-tracker.js';
import { streamEvents } from './events.js';

/** What the API routes need. */
export interface ApiDeps {
  runtime: AgentRuntime;
  tasks: TaskTracker;
  bodyLimit: number;
  startedAt: number;
  /** Begins a graceful shutdown of the server (`POST /api/shutdown`). */
  shutdown: () => void;
}

function agentOr404(runtime: AgentRuntime, id: string) {
  const agent = runtime.getAgent(id);
  if (!agent) throw new ApiError(404, 'AGENT_NOT_FOUND', `no agent with id "${id}"`, { agentId: id });
  return agent;
}

/** Validates a delegation with the library's schema; the error names the first bad field. */
function parseDelegationBody(body: unknown) {
  const r = TaskDelegationSchema.safeParse(body);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
  const first = issues[0]!;
  throw new ApiError(400, 'INVALID_DELEGATION', `invalid delegation: ${first.path}: ${first.message}`, {
    path: first.path,
    issues,
  });
}

function agentLogs(runtime: AgentRuntime, { req, res, params, url }: RouteContext): unknown {
  agentOr404(runtime, params.id!);
  let lines: string[] = [];
  try {
    lines = runtime.processManager.logs(params.id!);
  } catch {
    // restarting: no process yet
  }
  const tail = Number(url.searchParams.get('tail') ?? 200);
  const shown = Number.isInteger(tail) && tail >= 0 ? lines.slice(-tail) : lines;
  if (!url.searchParams.has('follow')) return { agentId: params.id, lines: shown };
  const sse = new SseStream(req, res);
  for (const line of shown) sse.send({ agentId: params.id, line }, { event: 'log' });
  const unsubscribe = runtime.subscribe({ type: 'agent.log', agentId: params.id! }, (e) => {
    if (e.type === 'agent.log') sse.send(e, { id: e.seq, event: 'log' });
  });
  sse.onClose(unsubscribe);
  return undefined;
}

/** The admin API's routes. */
export function apiRoutes(d: ApiDeps): Router {
  const { runtime, tasks } = d;
  return new Router()
    .on('GET', '/api/agents', () => ({ agents: runtime.listAgents() }))
    .on('GET', '/api/agents/:id', ({ params }) => agentOr404(runtime, params.id!))
    .on('POST', '/api/agents/:id/restart', async ({ params }) => {
      agentOr404(runtime, params.id!);
      await runtime.restartAgent(params.id!);
      return runtime.getAgent(params.id!);
    })
    .on('GET', '/api/agents/:id/logs', (ctx) => agentLogs(runtime, ctx))
    .on('GET', '/api/tasks', () => tasks.list())
    .on('GET', '/api/tasks/:id', ({ params }) => {
      const t = tasks.get(params.id!);
      if (!t) throw new ApiError(404, 'TASK_NOT_FOUND', `no task with id "${params.id}"`, { taskId: params.id });
      return t;
    })
    .on('POST', '/api/tasks', async ({ req, res }) => {
      const delegation = parseDelegationBody(await readJsonBody(req, d.bodyLimit));
      if (tasks.isActive(delegation.taskId))
        throw new ApiError(409, 'TASK_EXISTS', `task "${delegation.taskId}" is already queued or running`, {
          taskId: delegation.taskId,
        });
      if (runtime.state !== 'running')
        throw new ApiError(503, 'SHUTTING_DOWN', `the runtime is ${runtime.state}; task refused`);
      tasks.submit(delegation);
      sendJson(
        res,
        202,
        { taskId: delegation.taskId, status: tasks.get(delegation.taskId)?.status ?? 'queued' },
        {
          location: `/api/tasks/${encodeURIComponent(delegation.taskId)}`,
        },
      );
    })
    .on('DELETE', '/api/tasks/:id', ({ params, res }) => {
      const t = tasks.get(params.id!);
      if (!t) throw new ApiError(404, 'TASK_NOT_FOUND', `no task with id "${params.id}"`, { taskId: params.id });
      if (!tasks.isActive(t.id))
        throw new ApiError(409, 'TASK_FINISHED', `task "${t.id}" already ended (${t.status})`, { taskId: t.id });
      if (!tasks.cancel(t.id))
        throw new ApiError(409, 'NOT_CANCELLABLE', `task "${t.id}" was not submitted through this server`, {
          taskId: t.id,
        });
      sendJson(res, 202, { taskId: t.id, cancelling: true });
    })
    .on('GET', '/api/stats', () => ({
      runtime: runtime.state,
      uptimeMs: Date.now() - d.startedAt,
      pid: process.pid,
      statistics: runtime.getStatistics(),
    }))
    .on('GET', '/api/events', (ctx) => streamEvents(runtime, ctx))
    .on('POST', '/api/shutdown', ({ res }) => {
      sendJson(res, 202, { stopping: true });
      d.shutdown();
    });
}
