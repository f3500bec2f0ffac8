import { RingBuffer } from './ring-buffer.js';

/** Options of an event stream. */
export interface EventStreamOptions {
  /** Ends the stream when aborted. */
  signal?: AbortSignal;
  /** Events buffered for a slow consumer before the oldest are dropped. Default 1000. */
  bufferSize?: number;
}

/** An async iterator over events pushed to it, with a bounded buffer (a slow reader loses the oldest, never blocks). */
export class EventStream<T> implements AsyncIterableIterator<T> {
  private readonly buffer: RingBuffer<T>;
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private done = false;
  /** Events dropped because the reader was slower than the writers. */
  dropped = 0;

  constructor(
    private readonly detach: () => void,
    options: EventStreamOptions = {},
  ) {
    this.buffer = new RingBuffer<T>(Math.max(1, options.bufferSize ?? 1000));
    const signal = options.signal;
    if (signal) {
      if (signal.aborted) this.end();
      else signal.addEventListener('abort', () => this.end(), { once: true });
    }
  }

  /** Delivers one event (called by the bus). */
  push(value: T): void {
    if (this.done) return;
    const w = this.waiting;
    if (w) {
      this.waiting = undefined;
      w({ value, done: false });
      return;
    }
    if (this.buffer.push(value) !== undefined) this.dropped++;
  }

  /** Ends the stream: buffered events are still read, then iteration stops. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.detach();
    const w = this.waiting;
    this.waiting = undefined;
    w?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.size > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    this.buffer.clear();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
