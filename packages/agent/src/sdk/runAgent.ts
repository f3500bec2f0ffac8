import { AgentError } from '../errors/agent-error.js';
import { AapErrorCode } from '../protocol/error-codes.js';
import { MAX_AGENT_CONCURRENCY } from '../protocol/concurrency.js';
import { AAP_PROTOCOL_VERSION } from '../protocol/version.js';
import { LazyAbort } from '../rpc/lazy-abort.js';
import { JsonRpcPeer } from '../rpc/peer.js';
import { RpcError } from '../rpc/rpc-error.js';
import { BusClient } from './bus.js';
import { Heartbeat } from './heartbeat.js';
import { redirectConsoleToStderr, settleWithin, terminateOwnProcessGroup, waitForDrain } from './process-hooks.js';
import { cancelTask, runTask, type ActiveTask } from './task-runner.js';
import type { AgentIdentity, RunAgentOptions, RunningAgent } from './types.js';

const DEFAULT_SHUTDOWN_TIMEOUT = 3_000;
const DRAIN_TIMEOUT = 500;
/** Once stdin closed, a task's answer cannot be delivered: it only gets this long to react to its aborted signal. */
const CLOSED_TASK_GRACE = 500;

function checkOptions(o: RunAgentOptions): void {
  const bad = (field: string, expected: string) => {
    throw new AgentError('INVALID_ARGUMENT', `runAgent: ${field} must be ${expected}`, { data: { field } });
  };
  if (typeof o !== 'object' || o === null) bad('options', 'an object');
  if (!Array.isArray(o.capabilities) || o.capabilities.some((c) => typeof c !== 'string'))
    bad('capabilities', 'an array of strings');
  if (typeof o.execute !== 'function') bad('execute', 'a function');
  if (o.name !== undefined && (typeof o.name !== 'string' || o.name === '')) bad('name', 'a non-empty string');
  if (o.version !== undefined && typeof o.version !== 'string') bad('version', 'a string');
  if (o.shutdownTimeout !== undefined && !(o.shutdownTimeout >= 0)) bad('shutdownTimeout', 'a number of ms >= 0');
  const c = o.concurrency;
  if (c !== undefined && !(Number.isInteger(c) && c >= 1 && c <= MAX_AGENT_CONCURRENCY))
    bad('concurrency', `an integer 1..${MAX_AGENT_CONCURRENCY}`);
}

function stderr(line: string): void {
  try {
    process.stderr.write(`${line}\n`);
  } catch {
    /* stderr gone: nothing left to tell */
  }
}

/**
 * Runs an AAP agent on stdin/stdout: answers `initialize`, sends heartbeats at the interval the runtime asked for,
 * runs up to `concurrency` tasks at once (default one) through `execute`, and exits when stdin closes.
 *
 * @example
 * runAgent({ name: 'echo', capabilities: ['echo'], execute: (task) => ({ echoed: task.objective }) });
 */
export function runAgent(options: RunAgentOptions): RunningAgent {
  checkOptions(options);
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  if (output === process.stdout) redirectConsoleToStderr();
  const name = options.name ?? 'agent';
  const exitOnClose = options.exitOnClose ?? input === process.stdin;
  const shutdownTimeout = options.shutdownTimeout ?? DEFAULT_SHUTDOWN_TIMEOUT;
  const peer = new JsonRpcPeer({
    input,
    output,
    name,
    ...(options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength }),
  });
  let identity: AgentIdentity | undefined;
  const concurrency = options.concurrency ?? 1;
  // Running tasks by id, in start order (the heartbeat names the oldest).
  const active = new Map<string, ActiveTask>();
  let shuttingDown = false;
  const heartbeat = new Heartbeat(peer, () => active.keys().next().value);
  const bus = new BusClient(peer, (e) =>
    stderr(`[${name}] bus handler threw: ${e instanceof Error ? e.message : String(e)}`),
  );
  peer.onProtocolError((e) => stderr(`[${name}] protocol error ${e.code}: ${e.message}`));

  peer.onRequest('initialize', (p) => {
    identity = { id: p.agent.id, name: p.agent.name, type: p.agent.type };
    if (p.limits !== undefined) identity.limits = p.limits;
    if (p.config !== undefined) identity.config = p.config;
    heartbeat.start(p.heartbeatIntervalMs, p.agent.id);
    return {
      protocolVersion: AAP_PROTOCOL_VERSION,
      agent: options.version === undefined ? { name } : { name, version: options.version },
      capabilities: [...options.capabilities],
      ...(concurrency !== 1 && { concurrency }),
    };
  });

  peer.onRequest('ping', () => ({ timestamp: Date.now() }));

  peer.onRequest('task/execute', async (p) => {
    if (identity === undefined)
      throw new RpcError(AapErrorCode.INVALID_REQUEST, 'task/execute before initialize', { code: 'NOT_INITIALIZED' });
    if (shuttingDown)
      throw new RpcError(AapErrorCode.AGENT_BUSY, `${name} is shutting down`, {
        code: 'AGENT_BUSY',
        reason: 'shutting down',
      });
    const taskId = p.task.taskId;
    if (active.has(taskId))
      throw new RpcError(AapErrorCode.AGENT_BUSY, `${name} is already running task ${taskId}`, {
        code: 'AGENT_BUSY',
        taskId,
      });
    if (active.size >= concurrency) {
      const running = [...active.keys()];
      throw new RpcError(
        AapErrorCode.AGENT_BUSY,
        `${name} is busy with ${running.length} tasks (its concurrency is ${concurrency}): ${running.slice(0, 4).join(', ')}`,
        { code: 'AGENT_BUSY', taskId: running[0], concurrency },
      );
    }
    const task: ActiveTask = { taskId, controller: new LazyAbort(), done: Promise.resolve() };
    active.set(taskId, task);
    try {
      task.done = runTask(p, {
        peer,
        bus,
        identity,
        execute: (t, c) => options.execute(t, c),
        controller: task.controller,
      });
      return await task.done;
    } finally {
      if (active.get(taskId) === task) active.delete(taskId);
    }
  });

  peer.onNotification('task/cancel', (p) => {
    const task = active.get(p.taskId);
    if (task) cancelTask(task, p.reason ?? 'cancelled by the runtime');
  });

  let windingDown: Promise<void> | undefined;
  const windDown = (reason: string, taskGrace: number) =>
    (windingDown ??= (async () => {
      shuttingDown = true;
      if (active.size > 0) {
        const tasks = [...active.values()];
        for (const t of tasks) cancelTask(t, reason);
        await settleWithin(Promise.allSettled(tasks.map((t) => t.done)), taskGrace);
      }
      if (options.onShutdown) {
        const hook = Promise.resolve().then(() => options.onShutdown?.());
        hook.catch((e: unknown) => stderr(`[${name}] onShutdown threw: ${e instanceof Error ? e.message : String(e)}`));
        await settleWithin(hook, shutdownTimeout);
      }
    })());

  peer.onRequest('shutdown', async () => {
    await windDown('the agent is shutting down', shutdownTimeout);
    return {};
  });

  const stopped = peer.closed.then(async () => {
    heartbeat.stop();
    await windDown('the input closed', Math.min(shutdownTimeout, CLOSED_TASK_GRACE));
    if (exitOnClose) {
      await waitForDrain(output, DRAIN_TIMEOUT);
      if (options.terminateProcessGroupOnExit !== false) terminateOwnProcessGroup();
      process.exit(0);
    }
  });

  return { peer, bus, stopped, stop: () => peer.close() };
}
