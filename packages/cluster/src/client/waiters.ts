import type { TaskResult } from '@axon/executor';
import type { RuntimeError } from '@axon/core';

interface Waiter {
  resolve(result: TaskResult): void;
  reject(error: Error): void;
}

/** Callers waiting for the outcome of a task, by task id (several when the same task was submitted twice). */
export class Waiters {
  private readonly byTask = new Map<string, Set<Waiter>>();

  /** Task ids somebody waits for. */
  ids(): string[] {
    return [...this.byTask.keys()];
  }

  /** Whether somebody waits for `taskId`. */
  has(taskId: string): boolean {
    return this.byTask.has(taskId);
  }

  /** Adds a waiter; `promise` settles with the task's outcome, `drop` forgets it (its promise stays pending). */
  add(taskId: string): { promise: Promise<TaskResult>; waiter: Waiter; drop(): void } {
    let waiter!: Waiter;
    const promise = new Promise<TaskResult>((resolve, reject) => (waiter = { resolve, reject }));
    let set = this.byTask.get(taskId);
    if (!set) this.byTask.set(taskId, (set = new Set()));
    set.add(waiter);
    return {
      promise,
      waiter,
      drop: () => {
        set.delete(waiter);
        if (set.size === 0 && this.byTask.get(taskId) === set) this.byTask.delete(taskId);
      },
    };
  }

  /** Settles every waiter of `taskId`. */
  settle(taskId: string, outcome: { result: TaskResult } | { error: RuntimeError }): void {
    const set = this.byTask.get(taskId);
    if (!set) return;
    this.byTask.delete(taskId);
    for (const w of set) {
      if ('result' in outcome) w.resolve(outcome.result);
      else w.reject(outcome.error);
    }
  }

  /** Rejects one waiter (and forgets it). */
  rejectOne(taskId: string, waiter: Waiter, error: Error): void {
    const set = this.byTask.get(taskId);
    if (!set?.delete(waiter)) return;
    if (set.size === 0) this.byTask.delete(taskId);
    waiter.reject(error);
  }

  /** Rejects every waiter. */
  rejectAll(error: Error): void {
    const sets = [...this.byTask.values()];
    this.byTask.clear();
    for (const set of sets) for (const w of set) w.reject(error);
  }
}
