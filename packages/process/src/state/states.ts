/** Lifecycle states of an agent process (ARCHITECTURE.md, "Process lifecycle"). */
export type AgentState = 'initial' | 'starting' | 'ready' | 'busy' | 'idle' | 'shutting_down' | 'terminated' | 'failed';

/** The legal transitions; anything else is refused. `failed` is reachable from every live state. */
export const TRANSITIONS: Readonly<Record<AgentState, readonly AgentState[]>> = {
  initial: ['starting', 'failed'],
  starting: ['ready', 'shutting_down', 'failed'],
  ready: ['busy', 'idle', 'shutting_down', 'failed'],
  busy: ['idle', 'shutting_down', 'failed'],
  idle: ['busy', 'shutting_down', 'failed'],
  shutting_down: ['terminated', 'failed'],
  terminated: [],
  failed: [],
};

/** True when `from → to` is a legal transition. */
export function canTransition(from: AgentState, to: AgentState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** True for states in which the process may still be running. */
export function isLiveState(s: AgentState): boolean {
  return s !== 'terminated' && s !== 'failed';
}
