import { metrics, type BatchObservableCallback, type Meter } from '@opentelemetry/api';
import type { RuntimeEvent } from '../bus/events.js';
import type { RuntimeAgentInfo } from '../runtime/agent-record.js';
import type { RuntimeStatistics } from '../stats/runtime-statistics.js';
import { CORE_INSTRUMENTATION } from './tracing.js';

/** What {@link instrumentRuntime} reads from a runtime. */
export interface InstrumentedRuntime {
  subscribe(listener: (e: RuntimeEvent) => void): () => void;
  listAgents(): RuntimeAgentInfo[];
  getStatistics(): RuntimeStatistics;
}

const BREAKER_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/**
 * Registers the runtime's OpenTelemetry metrics on `meter` (default: the global meter provider's `@axon/core`
 * meter, a no-op until an SDK is registered): agents by type and state, tasks by outcome and error code, task
 * duration, queue depth, restarts, breaker state, and CPU and memory per agent. Returns the function that stops
 * updating them. `AgentRuntime` calls it on construction, so register an SDK before creating the runtime.
 */
export function instrumentRuntime(runtime: InstrumentedRuntime, meter?: Meter): () => void {
  const m = meter ?? metrics.getMeter(CORE_INSTRUMENTATION);
  const tasks = m.createCounter('axon.tasks', { description: 'Tasks finished, by outcome and error code.' });
  const duration = m.createHistogram('axon.task.duration', {
    description: 'Duration of successful task attempts on their agent.',
    unit: 'ms',
  });
  const restarts = m.createCounter('axon.agent.restarts', { description: 'Agent restarts after a crash or failure.' });
  const agents = m.createObservableGauge('axon.agents', { description: 'Agents by type and state.' });
  const queue = m.createObservableGauge('axon.queue.depth', { description: 'Tasks waiting for an agent.' });
  const running = m.createObservableGauge('axon.tasks.running', { description: 'Tasks running on agents.' });
  const breakers = m.createObservableGauge('axon.breaker.state', {
    description: 'Circuit breaker per agent type: 0 closed, 1 half-open, 2 open.',
  });
  const cpu = m.createObservableGauge('axon.agent.cpu', { description: "CPU of an agent's process tree.", unit: '%' });
  const memory = m.createObservableGauge('axon.agent.memory', {
    description: "Resident memory of an agent's process tree.",
    unit: 'By',
  });
  const observables = [queue, running, breakers, agents, cpu, memory];
  const observe: BatchObservableCallback = (r) => {
    const stats = runtime.getStatistics();
    r.observe(queue, stats.queuedTasks);
    r.observe(running, stats.runningTasks);
    for (const [type, state] of Object.entries(stats.breakers))
      r.observe(breakers, BREAKER_VALUE[state], { agent_type: type });
    const byState = new Map<string, number>();
    for (const a of runtime.listAgents()) {
      const key = `${a.type}\u0000${a.status}`;
      byState.set(key, (byState.get(key) ?? 0) + 1);
      if (a.resources) {
        const attrs = { agent_id: a.id, agent_name: a.name, agent_type: a.type };
        r.observe(cpu, a.resources.cpuPercent, attrs);
        r.observe(memory, a.resources.memoryBytes, attrs);
      }
    }
    for (const [key, n] of byState) {
      const [type, state] = key.split('\u0000') as [string, string];
      r.observe(agents, n, { agent_type: type, state });
    }
  };
  m.addBatchObservableCallback(observe, observables);
  const unsubscribe = runtime.subscribe((e) => {
    switch (e.type) {
      case 'task.completed':
        tasks.add(1, { outcome: 'completed', code: '' });
        duration.record(e.durationMs);
        break;
      case 'task.failed':
        if (!e.willRetry) tasks.add(1, { outcome: e.code === 'CANCELLED' ? 'cancelled' : 'failed', code: e.code });
        break;
      case 'task.cancelled':
        tasks.add(1, { outcome: 'cancelled', code: 'CANCELLED' });
        break;
      case 'recovery.restarted':
        restarts.add(1);
        break;
    }
  });
  return () => {
    unsubscribe();
    m.removeBatchObservableCallback(observe, observables);
  };
}
