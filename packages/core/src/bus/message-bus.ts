import { RuntimeError } from '../errors/runtime-error.js';
import type { RuntimeEvent, RuntimeEventPayload } from './events.js';
import { EventStream, type EventStreamOptions } from './event-stream.js';
import { compileSelector, type EventSelector } from './filter.js';
import { RingBuffer } from './ring-buffer.js';

/** Options of a {@link MessageBus}. */
export interface MessageBusOptions {
  /** Most recent events kept for {@link MessageBus.history}. Default 1000; 0 keeps none. */
  historySize?: number;
  /** Called when a listener throws (the bus itself never does). Default: ignore. */
  onListenerError?: (error: unknown, event: RuntimeEvent) => void;
}

/** A listener of bus events. */
export type EventListener<E = RuntimeEvent> = (event: E) => void;

interface Subscription {
  match: (e: RuntimeEvent) => boolean;
  listener: EventListener;
}

/**
 * The runtime's event bus (the seed's UnifiedMessageBus): every lifecycle, task, tool-call, health and recovery
 * event, and topic messages between agents. Synchronous fan-out to filtered listeners, async iteration, and a
 * bounded history. One bus may be shared by several runtimes.
 */
export class MessageBus {
  private readonly subs = new Set<Subscription>();
  private readonly streams = new Set<EventStream<RuntimeEvent>>();
  private readonly recent: RingBuffer<RuntimeEvent>;
  private readonly onListenerError: ((error: unknown, event: RuntimeEvent) => void) | undefined;
  private seq = 0;
  /** Counters: events published, listener errors. */
  readonly stats = { published: 0, listenerErrors: 0 };

  constructor(options: MessageBusOptions = {}) {
    this.recent = new RingBuffer(Math.max(0, options.historySize ?? 1000));
    this.onListenerError = options.onListenerError;
  }

  /** Stamps an event (`seq`, `timestamp`), records it in the history and delivers it to matching listeners. */
  publish(payload: RuntimeEventPayload): RuntimeEvent {
    const event = { ...payload, seq: ++this.seq, timestamp: Date.now() };
    this.stats.published++;
    this.recent.push(event);
    for (const sub of this.subs) {
      if (!sub.match(event)) continue;
      try {
        sub.listener(event);
      } catch (error) {
        this.stats.listenerErrors++;
        this.onListenerError?.(error, event);
      }
    }
    return event;
  }

  /**
   * Publishes `payload` on `topic` (what an agent's `bus/publish` does; the runtime passes the agent's id as `from`
   * and its identity as `sender`).
   */
  publishTopic(
    topic: string,
    payload: unknown,
    from?: string,
    sender?: { agentId: string; name: string; type: string },
  ): RuntimeEvent {
    return this.publish({
      type: 'bus.message',
      topic,
      payload,
      ...(from !== undefined && { from }),
      ...(sender !== undefined && { sender }),
    });
  }

  /** Listens to every event. Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** Listens to the events `selector` matches. Returns the unsubscribe function. */
  subscribe(selector: EventSelector<RuntimeEvent>, listener: EventListener): () => void;
  subscribe(a: EventListener | EventSelector<RuntimeEvent>, b?: EventListener): () => void {
    const [selector, listener] =
      b === undefined ? [undefined, a as EventListener] : [a as EventSelector<RuntimeEvent>, b];
    const sub: Subscription = { match: compileSelector(selector), listener };
    this.subs.add(sub);
    return () => {
      this.subs.delete(sub);
    };
  }

  /** The events `selector` matches, as an async iterator (ends on `signal` or {@link close}). */
  stream(selector?: EventSelector<RuntimeEvent>, options: EventStreamOptions = {}): EventStream<RuntimeEvent> {
    let unsubscribe = () => {};
    const stream: EventStream<RuntimeEvent> = new EventStream<RuntimeEvent>(() => {
      unsubscribe();
      this.streams.delete(stream);
    }, options);
    this.streams.add(stream);
    unsubscribe =
      selector === undefined ? this.subscribe((e) => stream.push(e)) : this.subscribe(selector, (e) => stream.push(e));
    return stream;
  }

  /** Every event, as an async iterator: `for await (const e of bus) …`. */
  [Symbol.asyncIterator](): AsyncIterableIterator<RuntimeEvent> {
    return this.stream();
  }

  /** The most recent events (oldest first), optionally filtered. */
  history(selector?: EventSelector<RuntimeEvent>): RuntimeEvent[] {
    const all = this.recent.toArray();
    return selector === undefined ? all : all.filter(compileSelector(selector));
  }

  /** Waits for the first event `selector` matches (rejects on `timeout` ms or `signal`). */
  waitFor(
    selector: EventSelector<RuntimeEvent>,
    options: { timeout?: number; signal?: AbortSignal } = {},
  ): Promise<RuntimeEvent> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const cleanup = () => {
        unsubscribe();
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        cleanup();
        const reason: unknown = options.signal?.reason;
        reject(
          reason instanceof Error ? reason : new RuntimeError('CANCELLED', 'waitFor was aborted', { cause: reason }),
        );
      };
      const unsubscribe = this.subscribe(selector, (e) => {
        cleanup();
        resolve(e);
      });
      if (options.timeout !== undefined) {
        timer = setTimeout(() => {
          cleanup();
          reject(new RuntimeError('TIMEOUT', `no matching event within ${options.timeout} ms`));
        }, options.timeout);
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Number of active listeners (streams included). */
  get listenerCount(): number {
    return this.subs.size;
  }

  /** Ends every stream and removes every listener. The history is kept. */
  close(): void {
    for (const s of [...this.streams]) s.end();
    this.subs.clear();
  }
}
