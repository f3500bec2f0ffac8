import { ExecutorError } from '../errors/executor-error.js';
import type { AgentFailureLike, ExitInfoLike } from './deps.js';

/** The limits a process manager enforces, as named in its `limit-exceeded` events. */
export type LimitName = 'memory' | 'cpu' | 'output' | 'stdin';

/** A resource limit an agent broke, read from the manager's failure record. */
export interface LimitBreach {
  /** Which limit. */
  limit: LimitName;
  /** The measured value: bytes for memory, output and stdin (bytes waiting unread), percent of one core for CPU. */
  value: number;
  /** The limit: same unit as `value`. */
  max: number;
}

/** What {@link agentEndedError} needs to describe an agent that went away during a task. */
export interface AgentEndedContext {
  agentId: string;
  taskId: string;
  /** How the process ended; `undefined` when it stopped answering without an exit seen yet. */
  exit: ExitInfoLike | undefined;
  /** `AgentInfo.failure` of the agent, if the manager failed it. */
  failure: AgentFailureLike | undefined;
  /** The last lines of its stderr. */
  stderrTail: string;
  /** Counters merged into `data` (tool calls made and refused). */
  counts: Record<string, unknown>;
  /** The error that revealed the end (e.g. a closed peer). */
  cause?: unknown;
}

const LIMITS = new Set<string>(['memory', 'cpu', 'output', 'stdin']);

/** The limit breach in a manager failure (`RESOURCE_LIMIT_EXCEEDED` with `data { limit, value, max }`), if it is one. */
export function limitBreachOf(failure: AgentFailureLike | undefined): LimitBreach | undefined {
  if (failure?.code !== 'RESOURCE_LIMIT_EXCEEDED') return undefined;
  const { limit, value, max } = failure.data ?? {};
  if (typeof limit !== 'string' || !LIMITS.has(limit) || typeof value !== 'number' || typeof max !== 'number')
    return undefined;
  return { limit: limit as LimitName, value, max };
}

const MiB = 1024 * 1024;

/** `value` in the limit's unit, e.g. `12.5 MiB (13107200 bytes)` or `93 %`. */
function amount(limit: LimitName, value: number): string {
  if (limit === 'cpu') return `${Math.round(value)} %`;
  return value >= MiB ? `${(value / MiB).toFixed(1)} MiB (${Math.round(value)} bytes)` : `${Math.round(value)} bytes`;
}

const FIELD: Record<LimitName, string> = {
  memory: 'maxMemoryBytes',
  cpu: 'cpuLimitPercent',
  output: 'maxOutputSizeBytes',
  stdin: 'maxStdinBacklogBytes',
};

/**
 * The error of a task whose agent went away: `RESOURCE_LIMIT_EXCEEDED` when the manager stopped it for a limit
 * (`data { limit, value, max, agentId, taskId }`), otherwise `AGENT_CRASHED`. Both carry the exit status and
 * stderr tail in `data`.
 */
export function agentEndedError(c: AgentEndedContext): ExecutorError {
  const exitData = {
    exitCode: c.exit?.exitCode ?? null,
    signal: c.exit?.signal ?? null,
    stderrTail: c.stderrTail,
    ...(c.exit?.reason !== undefined && { reason: c.exit.reason }),
  };
  const breach = limitBreachOf(c.failure);
  if (breach) {
    const { limit, value, max } = breach;
    return new ExecutorError(
      'RESOURCE_LIMIT_EXCEEDED',
      `task ${c.taskId} failed: agent ${c.agentId} exceeded its ${limit} limit of ${amount(limit, max)} (measured ${amount(limit, value)}) and was stopped; ` +
        `raise the ${limit} limit (${FIELD[limit]}) or make the task use less`,
      {
        cause: c.cause,
        agentId: c.agentId,
        taskId: c.taskId,
        data: { ...exitData, ...c.counts, limit, value, max, agentId: c.agentId, taskId: c.taskId },
      },
    );
  }
  const how = c.exit ? (c.exit.signal ? `signal ${c.exit.signal}` : `exit code ${c.exit.exitCode}`) : undefined;
  const message = how
    ? `agent ${c.agentId} died (${how}) during task ${c.taskId}`
    : `agent ${c.agentId} stopped answering during task ${c.taskId}: ${(c.cause as Error | undefined)?.message ?? 'peer closed'}`;
  return new ExecutorError('AGENT_CRASHED', message, {
    cause: c.cause,
    agentId: c.agentId,
    taskId: c.taskId,
    data: { ...(c.exit ? exitData : {}), ...c.counts },
  });
}

/**
 * The error of a task sent to an agent that was already stopped, carrying why it stopped: the manager's failure
 * (`RESOURCE_LIMIT_EXCEEDED` with its limit, `AGENT_CRASHED` for a crash or missed heartbeats) or `AGENT_NOT_FOUND`
 * naming the state (terminated, shutting down). `data.stoppedBecause` is the manager's own failure code;
 * `data.notRun: true` says the task never reached the agent (a pool may give it to another one).
 */
export function stoppedAgentError(
  agentId: string,
  taskId: string,
  info: { state: string; failure?: AgentFailureLike; exit?: ExitInfoLike },
): ExecutorError {
  const { failure, exit } = info;
  const exitData = exit ? { exitCode: exit.exitCode, signal: exit.signal, reason: exit.reason } : {};
  const base = { agentId, taskId, state: info.state, notRun: true, ...exitData };
  const breach = limitBreachOf(failure);
  if (breach) {
    const { limit, value, max } = breach;
    return new ExecutorError(
      'RESOURCE_LIMIT_EXCEEDED',
      `task ${taskId} not run: agent ${agentId} was stopped earlier because it exceeded its ${limit} limit of ${amount(limit, max)} (measured ${amount(limit, value)}); spawn another agent, and raise ${FIELD[limit]} or fix the agent`,
      { agentId, taskId, data: { ...base, limit, value, max, stoppedBecause: failure?.code } },
    );
  }
  if (failure)
    return new ExecutorError(
      'AGENT_CRASHED',
      `task ${taskId} not run: agent ${agentId} was stopped earlier (${failure.code}): ${firstLine(failure.message)}; spawn another agent`,
      { agentId, taskId, data: { ...base, stoppedBecause: failure.code } },
    );
  return new ExecutorError(
    'AGENT_NOT_FOUND',
    `task ${taskId} not run: agent ${agentId} is ${info.state.replace('_', ' ')}; spawn another agent or pick a live one`,
    { agentId, taskId, data: base },
  );
}

function firstLine(text: string | undefined): string {
  return (text ?? 'no reason recorded').split('\n')[0]!;
}
