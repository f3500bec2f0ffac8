/** The last checkpoint of each unfinished task, oldest dropped first past `max`. */
export class CheckpointStore {
  readonly #data = new Map<string, unknown>();
  constructor(private readonly max: number) {}

  /** Keeps `data` as the task's latest checkpoint. */
  set(taskId: string, data: unknown): void {
    this.#data.delete(taskId);
    this.#data.set(taskId, data);
    if (this.#data.size > this.max) this.#data.delete(this.#data.keys().next().value as string);
  }
  /** The task's latest checkpoint, if any. */
  get(taskId: string): unknown {
    return this.#data.get(taskId);
  }
  /** Forgets the task's checkpoint. */
  delete(taskId: string): void {
    this.#data.delete(taskId);
  }
}
