/** A FIFO semaphore: at most `limit` holders; waiters are served in order and may give up. */
export class Slots {
  private used = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Calls waiting for a slot. */
  get queued(): number {
    return this.waiters.length;
  }

  /** Slots in use. */
  get inUse(): number {
    return this.used;
  }

  /** A slot now if one is free and nobody waits (call the returned release once); `undefined` otherwise. */
  tryAcquire(): (() => void) | undefined {
    if (this.used >= this.limit || this.waiters.length > 0) return undefined;
    this.used++;
    return once(() => this.release());
  }

  /** Resolves when a slot is held; call the returned release once. `signal` withdraws the wait. */
  acquire(signal: AbortSignal): Promise<() => void> {
    const release = once(() => this.release());
    if (this.used < this.limit && this.waiters.length === 0) {
      this.used++;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        this.used++;
        resolve(release);
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error('aborted while queued'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(grant);
    });
  }

  private release(): void {
    this.used--;
    const next = this.waiters.shift();
    if (next) next();
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}
