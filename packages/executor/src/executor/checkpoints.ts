/** What is remembered of an unfinished task: its last attempt number and checkpoint. */
interface Unfinished {
  attempt: number;
  hasData: boolean;
  data: unknown;
}

/** The last attempt and checkpoint of each unfinished task, oldest dropped first past `max`. */
export class CheckpointStore {
  readonly #tasks = new Map<string, Unfinished>();
  constructor(private readonly max: number) {}

  /** Notes that attempt `attempt` of the task started. */
  started(taskId: string, attempt: number): void {
    const known = this.#tasks.get(taskId);
    this.#put(taskId, { attempt, hasData: known?.hasData ?? false, data: known?.data });
  }

  /** Keeps `data` as the task's latest checkpoint. */
  set(taskId: string, data: unknown): void {
    this.#put(taskId, { attempt: this.#tasks.get(taskId)?.attempt ?? 1, hasData: true, data });
  }

  /** The task's latest checkpoint, if any. */
  get(taskId: string): unknown {
    return this.#tasks.get(taskId)?.data;
  }

  /** The number of the task's last attempt that did not succeed, if any is remembered. */
  lastAttempt(taskId: string): number | undefined {
    return this.#tasks.get(taskId)?.attempt;
  }

  /** Forgets the task (it succeeded). */
  delete(taskId: string): void {
    this.#tasks.delete(taskId);
  }

  #put(taskId: string, u: Unfinished): void {
    this.#tasks.delete(taskId);
    this.#tasks.set(taskId, u);
    if (this.#tasks.size > this.max) this.#tasks.delete(this.#tasks.keys().next().value as string);
  }
}
