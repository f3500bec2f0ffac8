import type { Profile } from './profile.js';

/** One measured figure of a scenario. */
export interface Figure {
  /** What was measured, e.g. `tasks lost`. */
  name: string;
  /** The value, with its unit in `name` or here (`'12 ms'`). */
  value: number | string;
  /** The target as text, e.g. `0` or `<= 1 000 ms`; absent for figures that are only reported. */
  target?: string;
  /** Whether the target was met; `false` counts as a loss and makes `pnpm chaos` exit non-zero. */
  ok?: boolean;
}

/** What a scenario returns. */
export interface ScenarioResult {
  /** Short id, e.g. `agent-kills`. */
  id: string;
  /** One-line title. */
  title: string;
  /** How the scenario is run, in a few sentences (goes to docs/reliability.md). */
  how: string;
  figures: Figure[];
  /** Wall time of the scenario, ms. */
  durationMs: number;
  /** Remarks worth reading next to the figures. */
  notes: string[];
}

/** A fault-injection scenario. */
export interface Scenario {
  id: string;
  title: string;
  run(profile: Profile): Promise<Omit<ScenarioResult, 'id' | 'title' | 'durationMs'>>;
}

/** A figure with a target: `ok` is `check(value)`. */
export function checked(name: string, value: number, target: string, check: (v: number) => boolean): Figure {
  return { name, value, target, ok: check(value) };
}

/** A figure whose target is exactly zero. */
export function zero(name: string, value: number): Figure {
  return checked(name, value, '0', (v) => v === 0);
}

/** Whether any figure of the results missed its target. */
export function anyLoss(results: readonly ScenarioResult[]): boolean {
  return results.some((r) => r.figures.some((f) => f.ok === false));
}
