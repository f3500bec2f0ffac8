import type { JsonRpcPeer } from '../rpc/peer.js';

/** Sends `heartbeat` every `intervalMs` with the agent's state; the timer never keeps the process alive. */
export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly peer: JsonRpcPeer,
    private readonly currentTask: () => string | undefined,
  ) {}

  /** (Re)starts at `intervalMs`; `0` stops. */
  start(intervalMs: number): void {
    this.stop();
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => this.beat(), intervalMs);
    this.timer.unref?.();
  }

  /** Sends one heartbeat now. */
  beat(): void {
    const taskId = this.currentTask();
    this.peer.notify(
      'heartbeat',
      taskId === undefined
        ? { timestamp: Date.now(), state: 'idle' }
        : { timestamp: Date.now(), state: 'busy', taskId },
    );
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
