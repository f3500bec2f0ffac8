/** Keeps the last `max` log lines of each agent that currently runs a task. */
export class StderrTails {
  readonly #lines = new Map<string, string[]>();
  constructor(private readonly max: number) {}

  /** Starts keeping lines for `agentId`. */
  watch(agentId: string): void {
    this.#lines.set(agentId, []);
  }
  /** Stops keeping lines for `agentId`. */
  unwatch(agentId: string): void {
    this.#lines.delete(agentId);
  }
  /** Adds a line when the agent is watched. */
  push(agentId: string, line: string): void {
    const lines = this.#lines.get(agentId);
    if (!lines) return;
    lines.push(line);
    if (lines.length > this.max) lines.shift();
  }
  /** The kept lines, joined. */
  tail(agentId: string): string {
    return (this.#lines.get(agentId) ?? []).join('\n');
  }
}
