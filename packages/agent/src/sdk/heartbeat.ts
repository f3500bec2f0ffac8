import type { JsonRpcPeer } from '../rpc/peer.js';

/** The interval is split into this many slots; an agent beats in one of them (chosen by its agent id). */
const SLOTS = 8;

/**
 * Sends `heartbeat` every `intervalMs` with the agent's state; the timer never keeps the process alive.
 *
 * Beats go out on a wall-clock grid: at `k × intervalMs + slot × intervalMs / 8`, the slot picked from the agent id
 * the runtime gave (not the pid: inside a PID namespace every agent has the same one).
 * A runtime supervising many agents then reads several heartbeats per wake-up (about an eighth of its agents at a
 * time) instead of one per wake-up, which is most of what an idle agent costs it; no more than an eighth arrive
 * at once.
 */
export class Heartbeat {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private intervalMs = 0;
  private phaseMs = 0;

  constructor(
    private readonly peer: JsonRpcPeer,
    private readonly currentTask: () => string | undefined,
  ) {}

  /** (Re)starts at `intervalMs`; `0` stops. `key` (the agent id) picks the slot. */
  start(intervalMs: number, key: string): void {
    this.stop();
    if (intervalMs <= 0) return;
    this.intervalMs = intervalMs;
    this.phaseMs = (slotOf(key) * intervalMs) / SLOTS;
    this.schedule(true);
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
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  // The next grid point: the first within one interval of start, later ones at least a quarter interval away, so
  // a beat that fired a little early by the wall clock (timers run on the monotonic one) is not followed by another
  // at once. Beats are thus never further apart than the interval asked, plus timer lateness.
  private schedule(first = false): void {
    const I = this.intervalMs;
    let delay = I - ((((Date.now() - this.phaseMs) % I) + I) % I);
    if (!first && delay < I / 4) delay += I;
    this.timer = setTimeout(() => {
      this.beat();
      this.schedule();
    }, delay);
    this.timer.unref?.();
  }
}

/** A slot in 0..SLOTS-1 from a string (FNV-1a), spread evenly over agent ids. */
export function slotOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SLOTS;
}
