import type { JsonRpcPeer } from '@axon/agent';
import type { ResourceLimits } from '../config/schema.js';
import type { ProcessError } from '../errors.js';
import type { IsolationReport } from '../isolation/report.js';
import type { ResourceUsage } from '../resources/sampler.js';
import type { AgentState } from '../state/states.js';

/** How an agent process ended. */
export interface ExitInfo {
  /** Exit code, or null when a signal ended it. */
  exitCode: number | null;
  /** Signal that ended it, or null. */
  signal: string | null;
  /** Why it ended, when the manager knows (e.g. `terminated`, `memory limit exceeded`). */
  reason?: string;
}

/** A live agent: what callers need to talk to it. */
export interface AgentHandle {
  /** Agent id. */
  readonly id: string;
  /** Agent name. */
  readonly name: string;
  /** Agent type. */
  readonly type: string;
  /** Pid of the agent program itself (inside any isolation wrapper). */
  readonly pid: number;
  /** Capabilities the agent announced in `initialize`. */
  readonly capabilities: string[];
  /** Tasks the agent runs at once, as it announced in `initialize` (1..1024). Default `1`. */
  readonly concurrency: number;
  /** What isolation this agent got. */
  readonly isolation: IsolationReport;
  /** The AAP peer over the agent's stdin/stdout. */
  readonly peer: JsonRpcPeer;
  /** Settles when the process has exited and been reaped. */
  readonly exited: Promise<ExitInfo>;
}

/** A snapshot of one agent. */
export interface AgentInfo {
  id: string;
  name: string;
  type: string;
  /** Pid of the agent program (the spawned wrapper's pid until the agent is found). */
  pid: number;
  /** Pid of the spawned process, which leads the process group (equals `pid` without wrappers). */
  groupPid: number;
  state: AgentState;
  /** Working directory the agent was started in (absolute as given, or the manager's default). */
  cwd: string;
  capabilities: string[];
  isolation: IsolationReport;
  /** Resources of the whole process tree (wrappers excluded). */
  resources: ResourceUsage;
  /** The limits in force for this agent: the spec's over the manager's, field by field. */
  limits: ResourceLimits;
  /** Bytes of output that is not protocol (stderr, stdout lines that are not frames), over the agent's life. */
  outputBytes: number;
  /** Frames from the agent that were rejected. */
  badFrames: number;
  /** Epoch ms. */
  startedAt: number;
  readyAt?: number;
  lastHeartbeatAt?: number;
  exit?: ExitInfo;
  failure?: ProcessError;
}

/** Counters of a ProcessManager. */
export interface ProcessStatistics {
  /** Agents whose process is running (starting to shutting down). */
  activeProcesses: number;
  /** `spawn` calls that started a process. */
  totalSpawned: number;
  /** Agents that reached Ready. */
  totalReady: number;
  /** Agents that ended Failed (spawn failures, crashes, limits, heartbeats). */
  failed: number;
  /** Agents that ended Terminated. */
  terminated: number;
  /** Memory of all live trees now, bytes. */
  totalMemoryBytes: number;
  /** CPU time of all agents ever, ms. */
  totalCpuTimeMs: number;
  /** Limit stops by limit. */
  limitExceeded: { memory: number; cpu: number; output: number };
  /** Heartbeat timeouts. */
  heartbeatTimeouts: number;
  /** Bad frames from all agents. */
  badFrames: number;
  /** Mean spawn → Ready, ms (0 before the first). */
  averageSpawnToReadyMs: number;
}
