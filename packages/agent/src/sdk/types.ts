import type { JsonRpcPeer } from '../rpc/peer.js';
import type { AgentLimits } from '../protocol/schemas/lifecycle.js';
import type { Task, TaskUsage } from '../protocol/schemas/task.js';
import type { LogLevel } from '../protocol/schemas/telemetry.js';
import type { ToolInfo, ToolsCallResult, UnavailableServer } from '../protocol/schemas/tools.js';

/** Who this agent process is, as the runtime said in `initialize`. */
export interface AgentIdentity {
  /** The agent id the runtime assigned. */
  id: string;
  name: string;
  type: string;
  /** Limits the runtime enforces, for information. */
  limits?: AgentLimits;
  /** Free-form configuration from the runtime. */
  config?: Record<string, unknown>;
}

/** Tool access of a task, routed through the runtime (allowlist, budget, audit, MCP). */
export interface AgentTools {
  /** The tools this task may call (tools of servers that are down are missing: see {@link AgentTools.listDetailed}). */
  list(options?: { signal?: AbortSignal }): Promise<ToolInfo[]>;
  /**
   * The tools this task may call and the tool servers the runtime could not list (`unavailable`: server, code,
   * message; empty when every server answered), so an agent can tell a tool that does not exist apart from one whose server is down.
   */
  listDetailed(options?: { signal?: AbortSignal }): Promise<{ tools: ToolInfo[]; unavailable: UnavailableServer[] }>;
  /**
   * Calls a tool. Resolves with the MCP result (check `isError`); rejects with `RpcError` when the runtime refuses
   * (`-32010 TOOL_NOT_ALLOWED`, `-32011 TOOL_BUDGET_EXCEEDED`, `-32012 MCP_UNAVAILABLE`, `-32013`, `-32014`).
   * Aborted with the task.
   */
  call(
    name: string,
    args?: Record<string, unknown>,
    options?: { signal?: AbortSignal; timeout?: number },
  ): Promise<ToolsCallResult>;
}

/** A message delivered from the runtime's message bus. */
export interface BusMessage {
  topic: string;
  payload: unknown;
  /** Id of the publishing agent, when an agent published it (stamped by the runtime, not by the publisher). */
  from?: string;
  /** The publishing agent as the runtime knows it: id, name and type (stamped by the runtime). */
  sender?: { agentId: string; name: string; type: string };
}

/** The runtime's message bus, seen from an agent. */
export interface AgentBus {
  /** Publishes `payload` on `topic` (fire and forget). */
  publish(topic: string, payload: unknown): void;
  /** Subscribes to `topic`; resolves once the runtime confirmed, with an unsubscribe function. */
  subscribe(topic: string, handler: (message: BusMessage) => void): Promise<() => Promise<void>>;
}

/** What `execute` gets besides the task. */
export interface TaskContext {
  /** The task's id. */
  taskId: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Aborted on `task/cancel`, `shutdown`, or when stdin closes; `signal.reason` is an `AgentError` `CANCELLED`. */
  signal: AbortSignal;
  /** The checkpoint the previous attempt saved last, or `undefined` on a first attempt. */
  previousCheckpoint: unknown;
  /**
   * The W3C `traceparent` of the runtime's span for this attempt, when the runtime traces (`undefined` otherwise).
   * `execute` already runs in the OpenTelemetry context extracted from it, so spans started with
   * `@opentelemetry/api` join the runtime's trace once the agent registers an SDK with the W3C propagator.
   */
  traceparent: string | undefined;
  /** The W3C `tracestate` that goes with {@link TaskContext.traceparent}, if any. */
  tracestate: string | undefined;
  /** Who this agent is. */
  agent: AgentIdentity;
  /** Tool access for this task. */
  tools: AgentTools;
  /** Reports progress: `progress` is a fraction 0..1. */
  progress(progress: number, message?: string): void;
  /** Saves resumable state; a retry of this task gets the last one as `previousCheckpoint`. */
  checkpoint(data: unknown): void;
  /** Adds to the usage reported with the result (tokens and cost are summed). */
  reportUsage(usage: TaskUsage): void;
  /** Sends a structured log record to the runtime. */
  log(level: LogLevel, message: string, data?: unknown): void;
  /** The message bus; subscriptions made here end with the task. */
  bus: AgentBus;
}

/** Options of `runAgent`. */
export interface RunAgentOptions {
  /** Implementation name reported in `initialize`. Default `'agent'`. */
  name?: string;
  /** Implementation version reported in `initialize`. */
  version?: string;
  /** Capabilities reported in `initialize`, matched against tasks' required capabilities. */
  capabilities: string[];
  /**
   * Runs one task; the return value is the task's output (any JSON value). A throw becomes `-32001 TASK_FAILED`.
   * With `concurrency` above 1 several calls run at once.
   */
  execute(task: Task, ctx: TaskContext): unknown;
  /** Where frames come from. Default `process.stdin`. */
  input?: NodeJS.ReadableStream;
  /** Where frames go. Default `process.stdout` (then `console.log`/`info`/`debug` are redirected to stderr). */
  output?: NodeJS.WritableStream;
  /** Called once on `shutdown` or when the input ends, before the process exits. */
  onShutdown?(): void | Promise<void>;
  /** Exit the process when the input ends. Default: `true` when `input` is `process.stdin`. */
  exitOnClose?: boolean;
  /**
   * On exit, SIGTERM the other members of this process's group when it leads one (Linux), so that grandchildren
   * do not outlive it. The runtime makes each agent a group leader. Turn off when running the agent by hand at
   * the head of a shell pipeline (the shell puts the whole pipeline in its group). Default `true`.
   */
  terminateProcessGroupOnExit?: boolean;
  /**
   * How long `shutdown` waits for the cancelled task, and then for `onShutdown`, ms. When stdin closes, the task gets
   * at most 500 ms (its answer can no longer be delivered). Default 3 000.
   */
  shutdownTimeout?: number;
  /** Longest accepted frame, bytes. Default 8 MiB. */
  maxLineLength?: number;
  /**
   * How many tasks this agent runs at once, announced in `initialize`: the runtime sends up to this many and
   * `execute` runs concurrently for each (one `ctx` per task, with its own signal, tools budget and checkpoints).
   * A `task/execute` beyond it is refused with `AGENT_BUSY`. An integer 1..1024. Default `1`.
   */
  concurrency?: number;
}

/** The handle `runAgent` returns. */
export interface RunningAgent {
  /** The underlying peer (for extra methods and stats). */
  peer: JsonRpcPeer;
  /** The agent-wide message bus (subscriptions last until unsubscribed). */
  bus: AgentBus;
  /** Resolves once the agent stopped (input ended or `stop()`), after `onShutdown`. */
  stopped: Promise<void>;
  /** Stops the agent as if its input had ended. */
  stop(): void;
}
