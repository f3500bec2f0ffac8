import type { AgentInfo } from '@axon/process';
import type { AgentRecord, RuntimeAgentInfo } from './agent-record.js';

/** Builds the public snapshot of an agent from the runtime's record and the process manager's info. */
export function agentInfo(rec: AgentRecord, info: AgentInfo | undefined): RuntimeAgentInfo {
  const status = rec.restarting ? 'restarting' : rec.failedPermanently ? 'failed' : (info?.state ?? rec.state);
  const out: RuntimeAgentInfo = {
    id: rec.id,
    name: rec.name,
    type: rec.type,
    status,
    pid: rec.restarting ? 0 : (info?.pid ?? rec.handle?.pid ?? 0),
    capabilities: info?.capabilities ?? rec.handle?.capabilities ?? rec.options.capabilities ?? [],
    resources: info?.resources,
    isolation: info?.isolation,
    pooled: rec.pooled,
    counters: { tasksCompleted: rec.tasksCompleted, tasksFailed: rec.tasksFailed, restarts: rec.restarts },
    startedAt: info?.startedAt,
    lastHeartbeatAt: info?.lastHeartbeatAt,
  };
  if (rec.lastFailure) out.lastFailure = rec.lastFailure;
  return out;
}
