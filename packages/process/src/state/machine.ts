import { ProcessError } from '../errors.js';
import { canTransition, type AgentState } from './states.js';

/** One agent's state; every change goes through {@link StateMachine.to}, which refuses illegal moves. */
export class StateMachine {
  private current: AgentState = 'initial';

  constructor(
    private readonly agentId: string,
    private readonly onChange: (from: AgentState, to: AgentState, reason?: string) => void,
  ) {}

  /** The current state. */
  get state(): AgentState {
    return this.current;
  }

  /** Moves to `to` if legal and returns true; returns false when `to` is not reachable (a no-op). */
  tryTo(to: AgentState, reason?: string): boolean {
    const from = this.current;
    if (!canTransition(from, to)) return false;
    this.current = to;
    this.onChange(from, to, reason);
    return true;
  }

  /** Moves to `to`, or throws `ILLEGAL_TRANSITION`. */
  to(to: AgentState, reason?: string): void {
    if (!this.tryTo(to, reason)) {
      throw new ProcessError('ILLEGAL_TRANSITION', `Agent "${this.agentId}" cannot go from ${this.current} to ${to}`, {
        agentId: this.agentId,
        data: { from: this.current, to },
      });
    }
  }
}
