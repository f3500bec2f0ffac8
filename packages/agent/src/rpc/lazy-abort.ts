/**
 * An abort flag whose `AbortSignal` is only created when someone asks for it. Creating an `AbortController` costs a
 * few microseconds (it is a DOM-style event target); most requests and tasks finish without anyone reading their
 * signal, so the peer and the task runner keep one of these instead. A signal first read after `abort()` is
 * already aborted with the same reason, so readers cannot tell the difference.
 */
export class LazyAbort {
  private controller: AbortController | undefined;
  private abortedFlag = false;
  private abortReason: unknown;

  /** True once `abort()` was called. */
  get aborted(): boolean {
    return this.abortedFlag;
  }

  /** The reason given to `abort()`, or `undefined`. */
  get reason(): unknown {
    return this.abortReason;
  }

  /** The signal (created on first read; already aborted when `abort()` came first). */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.abortedFlag) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  /** Aborts with `reason` (first call wins, like `AbortController.abort`). */
  abort(reason: unknown): void {
    if (this.abortedFlag) return;
    this.abortedFlag = true;
    this.abortReason = reason;
    this.controller?.abort(reason);
  }
}
