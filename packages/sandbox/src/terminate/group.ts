import { constants } from 'node:os';

/** Sends `signal` to every process of group `pgid`; false when the group is gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Sends `signal` to one pid; false when it is gone. */
export function signalPid(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

// Groups still alive, SIGKILLed synchronously if this process exits normally: the safety net for a runtime that
// exits without shutting down (a SIGKILLed runtime is covered by parent-death signals and PID namespaces instead).
const liveGroups = new Set<number>();

function killLiveGroups(): void {
  for (const g of liveGroups) signalGroup(g, 'SIGKILL');
}

/**
 * Registers process group `pgid` (agents and MCP servers alike) to be SIGKILLed when this process exits; returns
 * the unregister function, to call once the group is gone.
 */
export function killOnExit(pgid: number): () => void {
  if (liveGroups.size === 0) process.once('exit', killLiveGroups);
  liveGroups.add(pgid);
  return () => {
    if (liveGroups.delete(pgid) && liveGroups.size === 0) process.removeListener('exit', killLiveGroups);
  };
}

/** The name of signal number `n` (e.g. 15 → `SIGTERM`), or null. */
export function signalName(n: number): NodeJS.Signals | null {
  for (const [name, num] of Object.entries(constants.signals)) if (num === n) return name as NodeJS.Signals;
  return null;
}
