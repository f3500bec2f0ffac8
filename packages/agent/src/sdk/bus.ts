import type { BusMessageParams, BusSubscribeResult } from '../protocol/schemas/bus.js';
import type { JsonRpcPeer } from '../rpc/peer.js';
import { isRpcError } from '../rpc/rpc-error.js';
import { AapErrorCode } from '../protocol/error-codes.js';
import type { AgentBus, BusMessage } from './types.js';

interface Subscription {
  topic: string;
  handler: (message: BusMessage) => void;
  id?: string;
}

/** The agent side of the runtime's message bus: `bus/publish`, `bus/subscribe`, `bus/message`. */
export class BusClient implements AgentBus {
  private readonly subs = new Set<Subscription>();

  constructor(
    private readonly peer: JsonRpcPeer,
    private readonly onHandlerError: (e: unknown) => void,
  ) {
    peer.onNotification('bus/message', (p) => this.deliver(p));
  }

  publish(topic: string, payload: unknown): void {
    this.peer.notify('bus/publish', { topic, payload });
  }

  async subscribe(topic: string, handler: (message: BusMessage) => void): Promise<() => Promise<void>> {
    // Registered before the request: a message may arrive right behind the answer, before we learn the id.
    const sub: Subscription = { topic, handler };
    this.subs.add(sub);
    try {
      const res = await this.peer.request<BusSubscribeResult>('bus/subscribe', { topic });
      sub.id = res.subscriptionId;
    } catch (e) {
      this.subs.delete(sub);
      throw e;
    }
    return () => this.unsubscribe(sub);
  }

  /** A view whose subscriptions are all dropped by `dispose()` (used per task). */
  scoped(): AgentBus & { dispose(): Promise<void> } {
    const mine = new Set<() => Promise<void>>();
    return {
      publish: (topic, payload) => this.publish(topic, payload),
      subscribe: async (topic, handler) => {
        const off = await this.subscribe(topic, handler);
        mine.add(off);
        return async () => {
          mine.delete(off);
          await off();
        };
      },
      dispose: async () => {
        if (mine.size === 0) return;
        const all = [...mine];
        mine.clear();
        await Promise.allSettled(all.map((off) => off()));
      },
    };
  }

  private async unsubscribe(sub: Subscription): Promise<void> {
    if (!this.subs.delete(sub) || sub.id === undefined || this.peer.isClosed) return;
    try {
      await this.peer.request('bus/unsubscribe', { subscriptionId: sub.id });
    } catch (e) {
      // bus/unsubscribe is optional for runtimes; local delivery already stopped.
      if (!(isRpcError(e) && e.rpcCode === AapErrorCode.METHOD_NOT_FOUND)) throw e;
    }
  }

  private deliver(p: BusMessageParams): void {
    const message: BusMessage = {
      topic: p.topic,
      payload: p.payload,
      ...(p.from !== undefined && { from: p.from }),
      ...(p.sender !== undefined && { sender: p.sender }),
    };
    const byId = p.subscriptionId === undefined ? [] : [...this.subs].filter((s) => s.id === p.subscriptionId);
    const targets =
      byId.length > 0
        ? byId
        : [...this.subs].filter((s) => s.topic === p.topic && (p.subscriptionId === undefined || s.id === undefined));
    for (const s of targets) {
      try {
        s.handler(message);
      } catch (e) {
        this.onHandlerError(e);
      }
    }
  }
}
