import { RuntimeError } from '../errors/runtime-error.js';

/** Lifecycle state of a runtime. */
export type RuntimeState = 'created' | 'starting' | 'running' | 'shutting-down' | 'stopped';

/** The error for `op` called while the runtime is not running: `SHUTTING_DOWN` after shutdown began, else `NOT_STARTED`. */
export function notRunningError(op: string, state: RuntimeState): RuntimeError {
  if (state === 'shutting-down' || state === 'stopped')
    return new RuntimeError('SHUTTING_DOWN', `${op}: the runtime is shutting down`, { data: { op } });
  return new RuntimeError('NOT_STARTED', `${op}: call start() first`, { data: { op } });
}

/** The error for an agent id the runtime does not know. */
export function agentNotFound(id: string): RuntimeError {
  return new RuntimeError(
    'AGENT_NOT_FOUND',
    `no agent "${id}" in this runtime; spawnAgent() it first or use listAgents()`,
    { data: { agentId: id } },
  );
}
