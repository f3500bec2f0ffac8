import type { TaskDelegation } from '@axon/executor';
import { RuntimeError } from '../errors/runtime-error.js';
import { covers, type AgentTypeSpec } from './agent-type.js';
import type { PoolHost } from './pool-host.js';

/** Whether a live agent, or a registered type, has the capabilities (optionally ignoring types whose breaker is open). */
export function anyoneCouldServe(
  host: PoolHost,
  types: ReadonlyMap<string, AgentTypeSpec>,
  need: readonly string[],
  excludeOpenBreakers = false,
): boolean {
  for (const r of host.records()) {
    if (r.failedPermanently || r.stopping) continue;
    if (excludeOpenBreakers && host.breaker(r.type).state === 'open') continue;
    if (covers(host.capabilitiesOf(r), need)) return true;
  }
  for (const [type, spec] of types) {
    if (excludeOpenBreakers && host.breaker(type).state === 'open') continue;
    if (covers(spec.capabilities, need)) return true;
  }
  return false;
}

/** Why no agent can serve this task now (`NO_CAPABLE_AGENT`, or `BREAKER_OPEN` when only open-breaker types could), or `undefined`. */
export function unservable(
  host: PoolHost,
  types: ReadonlyMap<string, AgentTypeSpec>,
  task: TaskDelegation,
): RuntimeError | undefined {
  const need = task.requiredCapabilities;
  if (anyoneCouldServe(host, types, need, true)) return undefined;
  const data = { taskId: task.taskId, requiredCapabilities: need };
  if (!anyoneCouldServe(host, types, need, false)) {
    return new RuntimeError(
      'NO_CAPABLE_AGENT',
      `no live agent or registered agent type has capabilities [${need.join(', ')}] for task ${task.taskId}; register a type with registerAgentType() or spawn one`,
      { data },
    );
  }
  const open = [...new Set([...host.records()].map((r) => r.type).concat([...types.keys()]))].filter(
    (t) => host.breaker(t).state === 'open',
  );
  const retryInMs = Math.min(...open.map((t) => host.breaker(t).retryInMs));
  return new RuntimeError(
    'BREAKER_OPEN',
    `task ${task.taskId}: the breaker of agent type ${open.map((t) => `"${t}"`).join(', ')} is open after repeated failures; retry in ${retryInMs} ms`,
    { data: { ...data, agentTypes: open, retryInMs } },
  );
}
