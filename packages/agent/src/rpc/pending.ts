import { AgentError, PeerClosedError } from '../errors/agent-error.js';
import type { RpcId } from './classify.js';

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  cleanup: () => void;
}

/** Ids of requests we gave up on (timeout, abort) that may still be answered; bounded. */
const ABANDONED_MAX = 1024;

/** The table of our own requests waiting for an answer: timeouts, abort signals, late answers. */
export class PendingRequests {
  private readonly byId = new Map<RpcId, Pending>();
  private readonly abandoned = new Set<RpcId>();

  constructor(private readonly peerName: string) {}

  get size(): number {
    return this.byId.size;
  }

  /** Registers request `id`; the promise settles on answer, timeout (`timeout` ms, 0 = none), abort or close. */
  add(id: RpcId, method: string, timeout: number, signal: AbortSignal | undefined): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () =>
        this.giveUp(
          id,
          new AgentError('ABORTED', `${this.peerName}: ${method} (id ${id}) aborted`, {
            cause: signal?.reason,
            data: { method, id },
          }),
        );
      const cleanup = () => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      this.byId.set(id, { method, resolve, reject, cleanup });
      if (timeout > 0) {
        timer = setTimeout(
          () =>
            this.giveUp(
              id,
              new AgentError('TIMEOUT', `${this.peerName}: ${method} (id ${id}) got no answer within ${timeout} ms`, {
                data: { method, id, timeout },
              }),
            ),
          timeout,
        );
        (timer as { unref?: () => void }).unref?.();
      }
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The method of pending request `id`, or undefined. */
  methodOf(id: RpcId): string | undefined {
    return this.byId.get(id)?.method;
  }

  /** True when `id` was given up on (a late answer is expected and harmless). */
  wasAbandoned(id: RpcId): boolean {
    return this.abandoned.delete(id);
  }

  resolve(id: RpcId, value: unknown): void {
    this.take(id)?.resolve(value);
  }

  reject(id: RpcId, error: unknown): void {
    this.take(id)?.reject(error);
  }

  /** Rejects every pending request with a `PeerClosedError`. */
  closeAll(reason: unknown): void {
    for (const [id, p] of [...this.byId]) {
      this.byId.delete(id);
      p.cleanup();
      p.reject(
        new PeerClosedError(`${this.peerName}: closed before ${p.method} (id ${id}) was answered`, {
          cause: reason,
          data: { method: p.method, id },
        }),
      );
    }
  }

  private giveUp(id: RpcId, error: AgentError): void {
    const p = this.take(id);
    if (!p) return;
    this.abandoned.add(id);
    if (this.abandoned.size > ABANDONED_MAX) this.abandoned.delete(this.abandoned.values().next().value as RpcId);
    p.reject(error);
  }

  private take(id: RpcId): Pending | undefined {
    const p = this.byId.get(id);
    if (!p) return undefined;
    this.byId.delete(id);
    p.cleanup();
    return p;
  }
}
