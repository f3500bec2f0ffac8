import type { RuntimeAgentInfo } from '@axon/core';
import { formatDuration, renderTable } from './table.js';

/** `123456789` → `117.7 MiB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** The agents table of `axon status` and `axon top`, in pm2's columns. */
export function agentsTable(agents: readonly RuntimeAgentInfo[], now = Date.now()): string {
  return renderTable(
    ['name', 'type', 'state', 'pid', 'cpu', 'memory', 'tasks', 'restarts', 'uptime'],
    agents.map((a) => [
      a.name,
      a.type,
      a.status,
      a.pid || '-',
      a.resources ? `${a.resources.cpuPercent.toFixed(1)}%` : '-',
      a.resources ? formatBytes(a.resources.memoryBytes) : '-',
      `${a.counters.tasksCompleted}/${a.counters.tasksFailed}`,
      a.counters.restarts,
      a.startedAt ? formatDuration(now - a.startedAt) : '-',
    ]),
  );
}
