import type { SandboxSettingInput } from '@axon/sandbox';
import type { AgentHandle, AgentState, IsolationReport, ResourceLimits, ResourceUsage } from '@axon/process';

/** Options of `spawnAgent`. */
export interface SpawnAgentOptions {
  /** Agent id. Default a random UUID. */
  id?: string;
  /** Working directory. Default `process.workingDirectory`, else the runtime's cwd. */
  cwd?: string;
  /** Environment added on top of the allowlist and `process.environment`. Default `{}`. */
  env?: Record<string, string>;
  /** Limits overriding `resources` for this agent. */
  limits?: Partial<ResourceLimits>;
  /** Capabilities expected (the agent's `initialize` answer is authoritative). */
  capabilities?: string[];
  /** Restart this agent when it crashes or fails. Default `recovery.enableAutoRestart`. */
  autoRestart?: boolean;
  /**
   * This agent's sandbox: `true` (default policy), a policy, or `false`. Default `process.sandbox`. Refused with
   * `SANDBOX_UNAVAILABLE` where the platform cannot sandbox (never run unsandboxed instead).
   */
  sandbox?: SandboxSettingInput;
  /**
   * The Cortex workspace this agent's tool calls act on, whatever it asks: its `cortex_*` calls are pinned to it, a
   * call naming another is refused with `ACCESS_DENIED`, and a task whose `context.workspaceId` names another fails
   * with `INVALID_DELEGATION`. Default: each task's `context.workspaceId`, else `security.defaultWorkspace`.
   */
  workspaceId?: string;
}

/** What the runtime reports about one agent. */
export type RuntimeAgentStatus = AgentState | 'restarting';

/** A snapshot of one agent: process state, pid, resources and counters. */
export interface RuntimeAgentInfo {
  /** Agent id. */
  id: string;
  /** Name given at spawn. */
  name: string;
  /** Agent type (pool type, breaker key). */
  type: string;
  /** Process state, or `restarting` while a restart is pending. */
  status: RuntimeAgentStatus;
  /** Pid of the agent program (0 while restarting). */
  pid: number;
  /** Capabilities the agent announced. */
  capabilities: string[];
  /** CPU and memory of the agent's process tree (last sample). */
  resources: ResourceUsage | undefined;
  /** Isolation the agent got. */
  isolation: IsolationReport | undefined;
  /** Whether the worker pool owns it (spawned by `submit`/`minIdle`). */
  pooled: boolean;
  /** Counters. */
  counters: {
    /** Tasks it finished successfully. */
    tasksCompleted: number;
    /** Tasks that failed on it. */
    tasksFailed: number;
    /** Restarts so far (consecutive; reset by a successful task). */
    restarts: number;
  };
  /** Epoch ms of the current process's start. */
  startedAt: number | undefined;
  /** Epoch ms of its last heartbeat. */
  lastHeartbeatAt: number | undefined;
  /** Why it last failed, if it did. */
  lastFailure?: { code: string; message: string; at: number };
}

/** What the runtime keeps about an agent across restarts (internal). */
export interface AgentRecord {
  id: string;
  name: string;
  type: string;
  command: string;
  args: string[];
  options: SpawnAgentOptions;
  pooled: boolean;
  handle: AgentHandle | undefined;
  /** Last process state seen (from the manager's events). */
  state: AgentState | 'initial';
  /** Set while a restart is scheduled or spawning. */
  restarting: boolean;
  /** Set once the runtime decided to stop it (terminate, shutdown, scale-down): its exit is not a crash. */
  stopping: boolean;
  /** Set when it stays Failed (restart attempts used up, or restarts off). */
  failedPermanently: boolean;
  restarts: number;
  tasksCompleted: number;
  tasksFailed: number;
  lastFailure?: { code: string; message: string; at: number };
  restartTimer?: NodeJS.Timeout;
  /** Detaches the bus bridge of the current process. */
  detach?: () => void;
  /** Bus requests of this agent refused so far (audited one by one up to `security.maxRefusedToolCalls`). */
  busDenials: number;
}
