import { describe, expect, it } from 'vitest';
import { canTransition, TRANSITIONS } from '../../src/index.js';
import { StateMachine } from '../../src/state/machine.js';

describe('StateMachine', () => {
  it('follows the lifecycle and publishes every transition', () => {
    const seen: string[] = [];
    const m = new StateMachine('a', (from, to) => seen.push(`${from}>${to}`));
    for (const s of ['starting', 'ready', 'busy', 'idle', 'busy', 'shutting_down', 'terminated'] as const) m.to(s);
    expect(seen).toEqual([
      'initial>starting',
      'starting>ready',
      'ready>busy',
      'busy>idle',
      'idle>busy',
      'busy>shutting_down',
      'shutting_down>terminated',
    ]);
  });

  it('refuses illegal transitions with ILLEGAL_TRANSITION and does not move', () => {
    const m = new StateMachine('a', () => undefined);
    expect(() => m.to('busy')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    expect(m.state).toBe('initial');
    m.to('failed');
    expect(m.tryTo('starting')).toBe(false);
    expect(m.state).toBe('failed');
  });

  it('reaches failed from every live state and leaves no terminal state', () => {
    for (const s of ['initial', 'starting', 'ready', 'busy', 'idle', 'shutting_down'] as const)
      expect(canTransition(s, 'failed')).toBe(true);
    expect(TRANSITIONS.terminated).toEqual([]);
    expect(TRANSITIONS.failed).toEqual([]);
  });
});
