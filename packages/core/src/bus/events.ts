import type { LogLevel } from '@axon/agent';
import type { ToolCallOutcome } from '@axon/executor';
import type { AgentState, LimitName, PlatformCapabilities } from '@axon/process';
import type { RuntimeErrorCode } from '../errors/codes.js';

/** Lifecycle of the runtime and its agents. */
export type LifecycleEvent =
  | { type: 'runtime.started'; isolation: PlatformCapabilities }
  | { type: 'runtime.shutting-down'; timeoutMs: number; inFlight: number; queued: number }
  | { type: 'runtime.stopped'; durationMs: number; drained: number; cancelled: number }
  | { type: 'agent.spawned'; agentId: string; name: string; agentType: string; pid: number }
  | { type: 'agent.state'; agentId: string; from: AgentState; to: AgentState; reason?: string }
  | { type: 'agent.exited'; agentId: string; exitCode: number | null; signal: string | null }
  | { type: 'agent.terminated'; agentId: string; reason: string }
  | {
      type: 'agent.log';
      agentId: string;
      /** `[level] message` for a `log` record, the raw line for stderr. */
      line: string;
      level?: LogLevel;
      /** The `log` record's `data` (untrusted JSON from the agent). */
      data?: unknown;
      /** The task the `log` record names. */
      taskId?: string;
    };

/** Tasks from queueing to their outcome. */
export type TaskEvent =
  | { type: 'task.queued'; taskId: string; priority: number; queueLength: number }
  | { type: 'task.started'; taskId: string; agentId: string; attempt: number }
  | { type: 'task.progress'; taskId: string; agentId: string; progress?: number; message?: string }
  | { type: 'task.checkpoint'; taskId: string; agentId: string; refused?: string }
  | { type: 'task.completed'; taskId: string; agentId: string; attempt: number; durationMs: number; toolCalls: number }
  | {
      type: 'task.failed';
      taskId: string;
      agentId?: string;
      attempt: number;
      code: RuntimeErrorCode;
      message: string;
      willRetry: boolean;
    }
  | { type: 'task.retrying'; taskId: string; attempt: number; fromCheckpoint: boolean }
  | { type: 'task.cancelled'; taskId: string; reason: string };

/** One audited tool call of an agent. */
export type ToolCallEvent = {
  type: 'tool.call';
  agentId: string;
  taskId: string;
  tool: string;
  durationMs: number;
  /** How the attempt ended; the refusals include `access_denied`, `wrong_task`, `malformed`, `oversized`, `too_deep`. */
  outcome: ToolCallOutcome;
  argsDigest?: string;
  /** The error code of a refused or failed call. */
  errorCode?: string;
};

/** What the health monitor found. */
export type HealthEvent =
  | { type: 'health.heartbeat-timeout'; agentId: string; silentForMs?: number }
  | { type: 'health.limit-exceeded'; agentId: string; limit: LimitName; value: number; max: number }
  | { type: 'health.agent-failed'; agentId: string; code: RuntimeErrorCode; reason: string }
  | { type: 'health.metrics'; agentId: string; cpuPercent: number; memoryBytes: number }
  | { type: 'health.check'; checked: number; unhealthy: number };

/** What recovery did. */
export type RecoveryEvent =
  | { type: 'recovery.restart-scheduled'; agentId: string; attempt: number; delayMs: number; reason: string }
  | { type: 'recovery.restarted'; agentId: string; attempt: number; pid: number }
  | { type: 'recovery.restart-failed'; agentId: string; attempt: number; code: RuntimeErrorCode; message: string }
  | { type: 'recovery.gave-up'; agentId: string; attempts: number; reason: string }
  | { type: 'recovery.breaker-opened'; agentType: string; failures: number; cooldownMs: number }
  | { type: 'recovery.breaker-half-open'; agentType: string }
  | { type: 'recovery.breaker-closed'; agentType: string }
  | { type: 'recovery.degraded'; component: 'mcp'; server: string; reason: string }
  | { type: 'recovery.restored'; component: 'mcp'; server: string };

/**
 * A message on a topic, published by an agent (`bus/publish`) or by code (`bus.publishTopic`). For an agent's
 * message, `from` and `sender` are stamped by the runtime from the agent it knows (never taken from the payload).
 */
export type TopicMessageEvent = {
  type: 'bus.message';
  topic: string;
  payload: unknown;
  /** Id of the publishing agent. */
  from?: string;
  /** The publishing agent as the runtime knows it. */
  sender?: { agentId: string; name: string; type: string };
};

/** An agent's bus request the runtime refused (outside its type's `security.bus` grant). */
export type BusDeniedEvent = {
  type: 'bus.denied';
  agentId: string;
  agentType: string;
  action: 'publish' | 'subscribe';
  topic: string;
};

/** Everything the runtime publishes, before the bus stamps it. `type` discriminates. */
export type RuntimeEventPayload =
  LifecycleEvent | TaskEvent | ToolCallEvent | HealthEvent | RecoveryEvent | TopicMessageEvent | BusDeniedEvent;

/** Fields the bus adds to every event. */
export interface EventStamp {
  /** Position in the bus's sequence, from 1. */
  seq: number;
  /** `Date.now()` at publication. */
  timestamp: number;
}

/** A published runtime event. */
export type RuntimeEvent = RuntimeEventPayload & EventStamp;

/** The category of an event: the part of `type` before the dot. */
export type EventCategory = 'runtime' | 'agent' | 'task' | 'tool' | 'health' | 'recovery' | 'bus';

/** Every event type string. */
export type RuntimeEventType = RuntimeEventPayload['type'];
