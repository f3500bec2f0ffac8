import type { Redis } from 'ioredis';

/** One subscriber connection shared by every channel of a process, dispatching messages by channel. */
export class Channels {
  private readonly handlers = new Map<string, (message: string) => void>();
  private readonly reconnectHandlers = new Set<() => void>();
  private connectedOnce = false;

  constructor(private readonly sub: Redis) {
    sub.on('message', (channel: string, message: string) => this.handlers.get(channel)?.(message));
    // ioredis resubscribes by itself after a reconnect; callers re-check what they may have missed meanwhile.
    sub.on('ready', () => {
      if (this.connectedOnce) for (const h of this.reconnectHandlers) h();
      this.connectedOnce = true;
    });
    sub.on('error', () => undefined);
  }

  /** Subscribes `handler` to `channel` (one handler per channel). */
  async on(channel: string, handler: (message: string) => void): Promise<void> {
    this.handlers.set(channel, handler);
    await this.sub.subscribe(channel);
  }

  /** Calls `handler` after every reconnect of the subscriber. */
  onReconnect(handler: () => void): void {
    this.reconnectHandlers.add(handler);
  }

  /** Marks the first connection as done (reconnects from now on are reported). */
  markConnected(): void {
    this.connectedOnce = true;
  }
}
