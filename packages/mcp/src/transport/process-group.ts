/** Sends `signal` to the whole process group led by `pid`; false when no such group is left. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

const liveGroups = new Set<number>();
let hooked = false;

// If the pool's process exits without shutting the pool down, its server groups are killed on the way out.
function onExit(): void {
  for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
}

/** Remembers a live group so that it is SIGKILLed if this process exits first. */
export function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (!hooked) {
    hooked = true;
    process.once('exit', onExit);
  }
}

/** Forgets a group that is gone. */
export function untrackGroup(pid: number): void {
  liveGroups.delete(pid);
  if (liveGroups.size === 0 && hooked) {
    hooked = false;
    process.removeListener('exit', onExit);
  }
}
