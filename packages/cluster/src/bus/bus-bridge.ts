import type { MessageBus, RuntimeEvent } from '@axon/core';
import type { Redis } from 'ioredis';
import type { Channels } from '../redis/channels.js';

/** Default bound of one bus message crossing hosts (serialized JSON), bytes. */
export const DEFAULT_MAX_BUS_MESSAGE_BYTES = 256 * 1024;

interface WireMessage {
  origin: string;
  topic: string;
  payload: unknown;
  from?: string;
}

/** Counters of a {@link BusBridge}. */
export interface BusBridgeStats {
  /** Topic messages sent to other hosts. */
  sent: number;
  /** Topic messages received from other hosts. */
  received: number;
  /** Messages not forwarded: larger than the bound, not JSON, or malformed. */
  dropped: number;
}

/**
 * Spans a local {@link MessageBus}'s topic messages (`bus.message`) across hosts over Redis pub/sub: local ones are
 * published with their sender (`from`, the agent id) and origin host; remote ones are re-published on the local bus
 * with the same sender, so agents subscribed here get them through the runtime's own delivery path.
 */
export class BusBridge {
  readonly stats: BusBridgeStats = { sent: 0, received: 0, dropped: 0 };
  private injecting = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly o: {
      bus: MessageBus;
      pub: Redis;
      channels: Channels;
      channel: string;
      hostId: string;
      maxMessageBytes: number;
    },
  ) {}

  /** Starts forwarding in both directions. */
  async start(): Promise<void> {
    if (this.unsubscribe) return;
    this.unsubscribe = this.o.bus.subscribe((e) => this.outbound(e));
    await this.o.channels.on(this.o.channel, (m) => this.inbound(m));
  }

  /** Stops forwarding local messages (remote ones stop with the subscriber connection). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private outbound(e: RuntimeEvent): void {
    if (e.type !== 'bus.message' || this.injecting) return;
    const wire: WireMessage = { origin: this.o.hostId, topic: e.topic, payload: e.payload };
    if (e.from !== undefined) wire.from = e.from;
    let json: string;
    try {
      json = JSON.stringify(wire);
    } catch {
      this.stats.dropped++;
      return;
    }
    if (Buffer.byteLength(json) > this.o.maxMessageBytes) {
      this.stats.dropped++;
      return;
    }
    this.stats.sent++;
    this.o.pub.publish(this.o.channel, json).catch(() => this.stats.dropped++);
  }

  private inbound(message: string): void {
    let m: Partial<WireMessage>;
    try {
      m = JSON.parse(message) as Partial<WireMessage>;
    } catch {
      this.stats.dropped++;
      return;
    }
    if (m.origin === this.o.hostId) return;
    if (typeof m.topic !== 'string' || m.topic.length === 0 || (m.from !== undefined && typeof m.from !== 'string')) {
      this.stats.dropped++;
      return;
    }
    this.stats.received++;
    this.injecting = true;
    try {
      this.o.bus.publishTopic(m.topic, m.payload, m.from);
    } finally {
      this.injecting = false;
    }
  }
}
