import type { ProcessEvent, ProcessEventListener } from './types.js';

// A listener that throws must not break supervision nor the other listeners: it becomes a process warning.
function report(err: unknown): void {
  process.emitWarning(err instanceof Error ? err : new Error(String(err)), { code: 'AXON_PROCESS_LISTENER' });
}

/** Minimal typed event fan-out: `subscribe(listener) → unsubscribe`. */
export class EventHub {
  private readonly listeners = new Set<ProcessEventListener>();

  subscribe(listener: ProcessEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ProcessEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        report(err);
      }
    }
  }
}
