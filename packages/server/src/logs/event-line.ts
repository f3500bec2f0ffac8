import type { RuntimeEvent } from '@axon/core';

const short = (id: string | undefined) => (id === undefined ? '-' : id.length > 24 ? `${id.slice(0, 24)}…` : id);

/** One human-readable line for an event (what `axon serve` prints on a terminal). */
export function eventLine(e: RuntimeEvent): string {
  const t = new Date(e.timestamp).toISOString().slice(11, 23);
  const rest = (() => {
    switch (e.type) {
      case 'agent.spawned':
        return `agent ${short(e.agentId)} (${e.agentType}) spawned pid ${e.pid}`;
      case 'agent.state':
        return `agent ${short(e.agentId)} ${e.from} → ${e.to}${e.reason ? ` (${e.reason})` : ''}`;
      case 'agent.exited':
        return `agent ${short(e.agentId)} exited ${e.signal ?? `code ${e.exitCode}`}`;
      case 'agent.log':
        return `agent ${short(e.agentId)} | ${e.line}`;
      case 'task.queued':
        return `task ${short(e.taskId)} queued (priority ${e.priority}, ${e.queueLength} waiting)`;
      case 'task.started':
        return `task ${short(e.taskId)} started on ${short(e.agentId)} (attempt ${e.attempt})`;
      case 'task.completed':
        return `task ${short(e.taskId)} completed in ${Math.round(e.durationMs)} ms (${e.toolCalls} tool calls)`;
      case 'task.failed':
        return `task ${short(e.taskId)} failed ${e.code}: ${e.message}${e.willRetry ? ' (will retry)' : ''}`;
      case 'task.cancelled':
        return `task ${short(e.taskId)} cancelled: ${e.reason}`;
      case 'tool.call':
        return `tool ${e.tool} by ${short(e.agentId)} ${e.outcome} in ${Math.round(e.durationMs)} ms`;
      case 'health.agent-failed':
        return `agent ${short(e.agentId)} failed ${e.code}: ${e.reason}`;
      case 'recovery.restart-scheduled':
        return `agent ${short(e.agentId)} restart #${e.attempt} in ${e.delayMs} ms`;
      case 'recovery.restarted':
        return `agent ${short(e.agentId)} restarted pid ${e.pid}`;
      case 'recovery.gave-up':
        return `agent ${short(e.agentId)} gave up: ${e.reason}`;
      default: {
        const { type: _t, seq: _s, timestamp: _ts, ...fields } = e as unknown as Record<string, unknown>;
        return `${JSON.stringify(fields)}`;
      }
    }
  })();
  return `${t} ${e.type.padEnd(26)} ${rest}`;
}

/** Events too frequent for the console (resource samples, health check summaries). */
export function isNoisy(e: RuntimeEvent): boolean {
  return e.type === 'health.metrics' || e.type === 'health.check';
}
