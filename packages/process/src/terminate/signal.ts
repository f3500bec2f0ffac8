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

/** The name of signal number `n` (e.g. 15 → `SIGTERM`), or null. */
export function signalName(n: number): NodeJS.Signals | null {
  for (const [name, num] of Object.entries(constants.signals)) if (num === n) return name as NodeJS.Signals;
  return null;
}

/** Resolves after `ms`, or earlier when `until` settles; true when `until` settled first. */
export function waitFor(until: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolveWait) => {
    const t = setTimeout(() => resolveWait(false), ms);
    void until.then(
      () => {
        clearTimeout(t);
        resolveWait(true);
      },
      () => {
        clearTimeout(t);
        resolveWait(true);
      },
    );
  });
}

// Groups still alive, killed synchronously if this process exits normally (a safety net where isolation is off).
const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Registers a group to SIGKILL on `process.exit`; returns the unregister function. */
export function killOnExit(pgid: number): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const g of liveGroups) signalGroup(g, 'SIGKILL');
    });
  }
  liveGroups.add(pgid);
  return () => liveGroups.delete(pgid);
}
