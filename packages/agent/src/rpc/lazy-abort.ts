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

const ABORT = Symbol('axon.lazyAbort');

/** One getter shared by every object (see {@link defineLazySignal}). */
const SIGNAL_PROPERTY: PropertyDescriptor = {
  get(this: { [ABORT]: LazyAbort }): AbortSignal {
    return this[ABORT].signal;
  },
  enumerable: true,
  configurable: true,
};

/**
 * Gives `target` an enumerable `signal` property that reads `abort.signal` (so the signal is only created when read).
 * It uses one getter shared by all objects rather than an object-literal `get signal()`: V8 gives each object whose
 * accessor is a fresh closure a hidden class of its own, and those keep the object's whole context alive until a
 * full garbage collection, which made every young-generation collection of a busy peer copy megabytes.
 */
export function defineLazySignal<T extends object>(target: T, abort: LazyAbort): T & { readonly signal: AbortSignal } {
  Object.defineProperty(target, ABORT, { value: abort });
  Object.defineProperty(target, 'signal', SIGNAL_PROPERTY);
  return target as T & { readonly signal: AbortSignal };
}
