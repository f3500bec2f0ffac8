/** Frames written in one turn of the event loop are coalesced into one write; a batch this large goes at once. */
const BATCH_FLUSH_CHARS = 64 * 1024;

/** What an {@link Outbox} writes to and how it reports trouble. */
export interface OutboxOptions {
  output: NodeJS.WritableStream;
  /** Above this many queued bytes the other side counts as not reading; 0 = no bound. */
  maxQueuedBytes: number;
  /** Called once per episode of backpressure, with the bytes queued. */
  onBackpressure: ((queuedBytes: number) => void) | undefined;
  /** A write that threw (the stream is broken). */
  onWriteError: (error: Error) => void;
}

/**
 * The outgoing side of a peer: frames are queued and handed to the stream once per turn of the event loop (one
 * `write` for all the frames a turn produced), and the queue is bounded (`backlogged`) while the other side does
 * not read.
 */
export class Outbox {
  private batch: string[] = [];
  private batchChars = 0;
  private overflowing = false;
  private closed = false;
  private readonly flushBatch = () => this.flush();

  constructor(private readonly o: OutboxOptions) {}

  /** Bytes written that the stream has not flushed yet (frames of this turn counted by their UTF-16 length). */
  get queuedBytes(): number {
    return ((this.o.output as { writableLength?: number }).writableLength ?? 0) + this.batchChars;
  }

  /** True (and `onBackpressure` called once per episode) while more than `maxQueuedBytes` wait unwritten. */
  backlogged(): boolean {
    if (this.o.maxQueuedBytes === 0) return false;
    const queued = this.queuedBytes;
    if (queued < this.o.maxQueuedBytes) return false;
    if (!this.overflowing) {
      this.overflowing = true;
      this.o.output.once('drain', () => (this.overflowing = false));
      this.o.onBackpressure?.(queued);
    }
    return true;
  }

  /** Queues one serialized frame (with its newline). */
  send(frame: string): void {
    if (this.closed) return;
    this.batch.push(frame);
    this.batchChars += frame.length;
    if (this.batchChars >= BATCH_FLUSH_CHARS) this.flush();
    // nextTick runs once the current callback and the microtasks it queued are done: every frame those produce
    // (a chunk's 32 answers, the requests their continuations send) leaves in one write, with no added delay.
    else if (this.batch.length === 1) process.nextTick(this.flushBatch);
  }

  /** Hands the queued frames to the stream as one string. */
  flush(): void {
    if (this.batch.length === 0 || this.closed) return;
    const text = this.batch.length === 1 ? this.batch[0]! : this.batch.join('');
    this.batch = [];
    this.batchChars = 0;
    try {
      this.o.output.write(text);
    } catch (e) {
      this.o.onWriteError(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Sends what is queued, then stops: later frames are dropped. */
  close(): void {
    this.flush();
    this.closed = true;
  }
}

/**
 * A token bucket for answers to bad frames that carry no id: `burst` at once, refilled at `burst` per second, so a
 * stream of garbage cannot make the peer write without bound.
 */
export class AnswerRate {
  private tokens: number;
  private at = 0;

  constructor(private readonly burst: number) {
    this.tokens = burst;
  }

  /** Takes a token; false when none is left. */
  take(): boolean {
    if (this.tokens < 1) {
      const now = performance.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.burst) / 1000);
      this.at = now;
      if (this.tokens < 1) return false;
    } else if (this.tokens === this.burst) {
      this.at = performance.now();
    }
    this.tokens--;
    return true;
  }
}
