import type { ExitInfoLike } from './deps.js';

/**
 * Watches one agent's exit with a single reaction on `handle.exited`, fanned out to whoever waits now.
 * Why: a `.then` per task on a long-lived agent's `exited` promise would pile up until the agent exits.
 */
export class ExitWatch {
  #info: ExitInfoLike | undefined;
  readonly #listeners = new Set<(info: ExitInfoLike) => void>();

  constructor(exited: Promise<ExitInfoLike>) {
    exited.then(
      (info) => {
        this.#info = info;
        for (const l of this.#listeners) l(info);
        this.#listeners.clear();
      },
      () => undefined,
    );
  }

  /** A promise of the exit, and `dispose()` to stop waiting (drops the listener). */
  wait(): { promise: Promise<ExitInfoLike>; dispose: () => void } {
    if (this.#info) return { promise: Promise.resolve(this.#info), dispose: () => undefined };
    let listener!: (info: ExitInfoLike) => void;
    const promise = new Promise<ExitInfoLike>((resolve) => (listener = resolve));
    this.#listeners.add(listener);
    return { promise, dispose: () => this.#listeners.delete(listener) };
  }
}
