import type { AgentExecutor } from '@axon/executor';
import type { MessageBus } from '../bus/message-bus.js';
import type { RuntimeConfig } from '../config/schema.js';
import type { PoolHost } from '../pool/pool-host.js';
import type { BreakerRegistry } from '../recovery/breakers.js';
import type { RuntimeCounters } from '../stats/runtime-statistics.js';
import type { Supervisor } from './supervisor.js';
import type { TaskRunner } from './task-runner.js';

/** The runtime parts the worker pool reaches through its {@link PoolHost}. */
export interface RuntimePoolParts {
  bus: MessageBus;
  config: RuntimeConfig;
  /** The supervisor (a getter: it is created after the pool). */
  agents: () => Supervisor;
  runner: TaskRunner;
  executor: AgentExecutor;
  breakers: BreakerRegistry;
  counters: RuntimeCounters;
}

/** The worker pool's view of a runtime. */
export function runtimePoolHost(p: RuntimePoolParts): PoolHost {
  return {
    bus: p.bus,
    config: p.config,
    records: () => p.agents().live(),
    isFree: (r) => r.handle !== undefined && !r.restarting && !r.stopping && p.executor.freeSlots(r.id) > 0,
    freeSlots: (r) => p.executor.freeSlots(r.id),
    capabilitiesOf: (r) => r.handle?.capabilities ?? r.options.capabilities ?? [],
    processCount: () => p.agents().processCount(),
    spawnPooled: (type, spec) => p.agents().startPooled(type, spec),
    runAttempt: (rec, task, opts) => p.runner.attempt(rec, task, opts),
    checkpoint: (taskId) => p.executor.getCheckpoint(taskId),
    breaker: (type) => p.breakers.get(type),
    taskFinished: (ok) => p.counters.taskFinished(ok),
  };
}
