import type { AgentTypeSpec } from '@axon/core';
import { ANY_QUEUE } from '../routing.js';

/**
 * Jobs each queue may run at once on this host: the agents that can serve it (the `max` of every type whose
 * capabilities cover the queue's), at most `maxProcesses`.
 */
export function queueConcurrency(
  queues: readonly string[],
  types: readonly AgentTypeSpec[],
  maxProcesses: number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const q of queues) {
    const need = q === ANY_QUEUE ? [] : q.slice('cap.'.length).split('+').map(decodeURIComponent);
    let agents = 0;
    for (const t of types) if (need.every((c) => t.capabilities.includes(c))) agents += t.max;
    out.set(q, Math.max(1, Math.min(agents, maxProcesses)));
  }
  return out;
}
