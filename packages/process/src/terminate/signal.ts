export { killOnExit, signalGroup, signalName, signalPid } from '@axon/sandbox';

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
