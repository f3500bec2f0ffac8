import type { TaskDelegation, TaskResult } from '@axon/executor';
import type { MessageBus } from '../bus/message-bus.js';
import type { RuntimeConfig } from '../config/schema.js';
import type { Breaker } from '@axon/mcp';
import type { AgentRecord } from '../runtime/agent-record.js';
import type { AgentTypeSpec } from './agent-type.js';

/** What the worker pool needs from the runtime that owns it. */
export interface PoolHost {
  readonly bus: MessageBus;
  readonly config: RuntimeConfig;
  /** Agents the runtime manages that are not permanently failed. */
  records(): Iterable<AgentRecord>;
  /** Whether the agent can take a task now: a free slot (the executor's answer), not restarting or stopping. */
  isFree(record: AgentRecord): boolean;
  /** Tasks the agent can still take now (its concurrency minus its running tasks; 0 when not Ready). */
  freeSlots(record: AgentRecord): number;
  /** The capabilities the agent announced (or was declared with). */
  capabilitiesOf(record: AgentRecord): readonly string[];
  /** Agent processes alive or starting, runtime-wide. */
  processCount(): number;
  /** Starts one pool agent of `type`; resolves when it is Ready. */
  spawnPooled(type: string, spec: AgentTypeSpec): Promise<AgentRecord>;
  /** Runs one attempt of a task on an agent (the executor claims it synchronously). */
  runAttempt(
    record: AgentRecord,
    task: TaskDelegation,
    opts: { attempt: number; resume?: boolean; checkpoint?: unknown; signal: AbortSignal },
  ): Promise<TaskResult>;
  /** The last checkpoint a task sent, for its retry. */
  checkpoint(taskId: string): unknown;
  /** The breaker of an agent type. */
  breaker(type: string): Breaker;
  /** Counts a task's final outcome in the runtime statistics. */
  taskFinished(success: boolean): void;
}
