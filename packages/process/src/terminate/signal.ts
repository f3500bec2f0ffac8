import { constants } from 'node:os';

export { killOnExit, signalGroup, signalPid } from '@axon/sandbox';

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
