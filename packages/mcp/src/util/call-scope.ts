import { McpError } from '../errors/mcp-error.js';

const TIMEOUT = Symbol('timeout');
const CANCEL = Symbol('cancel');

// One 'abort' listener per caller signal, however many calls share it (no MaxListeners warnings).
const watchers = new WeakMap<AbortSignal, Set<() => void>>();
function watch(signal: AbortSignal, cb: () => void): () => void {
  let set = watchers.get(signal);
  if (!set) {
    const fresh = new Set<() => void>();
    set = fresh;
    watchers.set(signal, fresh);
    signal.addEventListener(
      'abort',
      () => {
        watchers.delete(signal);
        for (const fn of fresh) fn();
      },
      { once: true },
    );
  }
  set.add(cb);
  return () => set.delete(cb);
}

/**
 * The deadline and cancellation of one call: `signal` aborts when the timeout passes or the caller's
 * signal aborts, and {@link CallScope.error} says which (`MCP_TIMEOUT` vs `MCP_CANCELLED`).
 */
export class CallScope {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly unwatch: (() => void) | undefined;
  readonly startedAt = performance.now();

  constructor(
    readonly timeout: number,
    callerSignal: AbortSignal | undefined,
    private readonly what: string,
  ) {
    if (callerSignal?.aborted) {
      this.controller.abort(CANCEL);
      return;
    }
    this.timer = setTimeout(() => this.controller.abort(TIMEOUT), timeout);
    if (callerSignal) this.unwatch = watch(callerSignal, () => this.controller.abort(CANCEL));
  }

  /** Aborts on timeout or cancellation. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the call ran out of time (as opposed to being cancelled). */
  get timedOut(): boolean {
    return this.controller.signal.reason === TIMEOUT;
  }

  /** The error for an aborted scope. */
  error(): McpError {
    if (this.timedOut) {
      return new McpError('MCP_TIMEOUT', `${this.what} timed out after ${this.timeout} ms`, {
        data: { timeout: this.timeout },
      });
    }
    return new McpError('MCP_CANCELLED', `${this.what} was cancelled by its caller`);
  }

  /** Runs `promise` but rejects with {@link CallScope.error} as soon as the scope aborts. */
  race<T>(promise: Promise<T>): Promise<T> {
    const signal = this.controller.signal;
    if (signal.aborted) {
      promise.catch(() => {});
      return Promise.reject(this.error());
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.error());
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  /** Milliseconds since the call started. */
  elapsed(): number {
    return performance.now() - this.startedAt;
  }

  /** Clears the timer and the caller-signal watch. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.unwatch?.();
  }
}
