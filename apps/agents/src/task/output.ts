/**
 * Every sample agent's output: who made it, a one-line summary, figures, and one top-level key per section
 * (e.g. `findings`, `recommendations`, `plan`, `counts`): the shape @axon/core's LeadAgent reads.
 */
export interface AgentOutput {
  /** Which agent produced it. */
  agent: string;
  /** One line saying what was done and found. */
  summary: string;
  /** Counts (files read, findings, tool calls, …). */
  metrics: Record<string, number>;
  /** The sections; every section the task's `outputFormat.requiredSections` names is present. */
  [section: string]: unknown;
}

/**
 * Builds an output holding every required section: a required section the agent has no content for gets
 * `null`, so a delegator can tell "asked for, nothing to say" from "not produced".
 */
export function buildOutput(
  agent: string,
  summary: string,
  sections: Record<string, unknown>,
  metrics: Record<string, number>,
  requiredSections: readonly string[] = [],
): AgentOutput {
  const out: AgentOutput = { agent, summary, ...sections, metrics };
  for (const name of requiredSections) if (!(name in out)) out[name] = null;
  return out;
}
