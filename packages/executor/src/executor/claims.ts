import { findScopeEscape, realWorkspace } from '../access/scope.js';
import type { TaskDelegation } from '../delegation/schema.js';
import { ExecutorError } from '../errors/executor-error.js';
import { stoppedAgentError } from './agent-ended.js';
import type { AgentHandleLike, ExecutorProcessManager } from './deps.js';

const RUNNABLE = new Set(['ready', 'idle']);
const GONE = new Set(['terminated', 'failed', 'shutting_down']);

/**
 * The tasks running on one agent process. Keyed by agent id, but a restarted agent (same id, new handle) starts a
 * new claim: the old process's tasks release theirs without touching the new one's state.
 */
export interface Claim {
  handle: AgentHandleLike;
  tasks: Set<string>;
}

/** What the owner of the claims does when an agent process gets its first task and when it runs none again. */
export interface ClaimHooks {
  claimed(agentId: string): void;
  released(agentId: string): void;
}

/**
 * Who runs what: up to an agent's `concurrency` tasks per agent process, taken and checked synchronously (two
 * callers can never both take the last slot), with the delegation's scope checked against the agent's working
 * directory before the agent is taken. The agent is marked Busy with its first task and Idle after its last.
 */
export class Claims {
  readonly #running = new Map<string, Claim>();
  // An agent process's working directory does not move while it runs: its real path is resolved once, at its first
  // claim. (The scope check is point-in-time either way: an agent that swaps its own paths for symlinks could do so
  // right after any check; the sandbox's mounts are what hold against that.)
  readonly #realWorkspaces = new WeakMap<AgentHandleLike, { cwd: string; real: string }>();

  constructor(
    private readonly pm: ExecutorProcessManager,
    private readonly hooks: ClaimHooks,
  ) {}

  /** How many more tasks `agentId` can take now (0 when it is not a live, Ready agent). */
  freeSlots(agentId: string): number {
    const handle = this.pm.getHandle(agentId);
    if (!handle || !this.pm.isAlive(agentId)) return 0;
    const claim = this.#running.get(agentId);
    return Math.max(0, (handle.concurrency ?? 1) - (claim?.handle === handle ? claim.tasks.size : 0));
  }

  /** Agents running tasks now, and their task ids in start order. */
  running(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [agentId, claim] of this.#running) out.set(agentId, [...claim.tasks]);
    return out;
  }

  /** The task `agentId` has run longest, if it runs any. */
  oldestTask(agentId: string): string | undefined {
    return this.#running.get(agentId)?.tasks.values().next().value;
  }

  /**
   * Takes a slot of `agentId` for `task`, or throws `AGENT_NOT_FOUND`, `AGENT_CRASHED` (a stopped agent),
   * `AGENT_BUSY` or `INVALID_DELEGATION` (a scope entry that leaves the agent's working directory).
   */
  take(agentId: string, task: TaskDelegation): Claim {
    const taskId = task.taskId;
    const info = this.pm.get(agentId);
    const handle = this.pm.getHandle(agentId);
    if (info && (GONE.has(info.state) || info.failure)) throw stoppedAgentError(agentId, taskId, info);
    if (!info || !handle || !this.pm.isAlive(agentId)) {
      throw new ExecutorError(
        'AGENT_NOT_FOUND',
        `no live agent "${agentId}" for task ${taskId}; spawn it first or pick another agent`,
        { agentId, taskId, data: { state: info?.state } },
      );
    }
    const current = this.#running.get(agentId);
    const running = current?.handle === handle ? current.tasks : undefined;
    const count = running?.size ?? 0;
    const concurrency = handle.concurrency ?? 1;
    const why = running?.has(taskId)
      ? `it already runs task ${taskId}`
      : count >= concurrency
        ? `running ${concurrency === 1 ? `task ${[...running!][0]}` : `${count} tasks, its concurrency`}`
        : count === 0 && !RUNNABLE.has(info.state)
          ? `state is ${info.state}`
          : undefined;
    if (why !== undefined) {
      const first = running?.values().next().value;
      throw new ExecutorError('AGENT_BUSY', `agent "${agentId}" cannot take task ${taskId}: ${why}`, {
        agentId,
        taskId,
        data: { state: info.state, runningTaskId: first, running: count, concurrency },
      });
    }
    const cwd = info.cwd ?? process.cwd();
    let workspace = this.#realWorkspaces.get(handle);
    if (workspace?.cwd !== cwd) this.#realWorkspaces.set(handle, (workspace = { cwd, real: realWorkspace(cwd) }));
    const escape = findScopeEscape(task.boundaries.scope, cwd, workspace.real);
    if (escape) {
      throw new ExecutorError(
        'INVALID_DELEGATION',
        `boundaries.scope[${escape.index}]: "${escape.entry}" leaves the working directory of agent "${agentId}" (${escape.reason}); scope paths must stay inside it`,
        {
          agentId,
          taskId,
          data: { path: `boundaries.scope.${escape.index}`, value: escape.entry, resolved: escape.resolved },
        },
      );
    }
    if (running) {
      running.add(taskId);
      return current!; // already Busy
    }
    const claim: Claim = { handle, tasks: new Set([taskId]) };
    this.#running.set(agentId, claim);
    this.hooks.claimed(agentId);
    try {
      this.pm.markBusy(agentId);
    } catch (e) {
      this.#running.delete(agentId);
      this.hooks.released(agentId);
      throw new ExecutorError('AGENT_BUSY', `agent "${agentId}" cannot take task ${taskId}: ${(e as Error).message}`, {
        cause: e,
        agentId,
        taskId,
      });
    }
    return claim;
  }

  // No `pm.get` snapshot here (it copies the agent's info on every task): markIdle refuses what is not Busy.
  /** Gives back the slot `taskId` held; the agent is Idle again once it runs nothing. */
  release(agentId: string, taskId: string, claim: Claim): void {
    claim.tasks.delete(taskId);
    // Still Busy with other tasks, or a restarted process of this agent has its own claim now.
    if (claim.tasks.size > 0 || this.#running.get(agentId) !== claim) return;
    this.#running.delete(agentId);
    this.hooks.released(agentId);
    if (!this.pm.isAlive(agentId)) return;
    try {
      this.pm.markIdle(agentId);
    } catch {
      /* the manager moved it on (e.g. failed); its state wins */
    }
  }
}
