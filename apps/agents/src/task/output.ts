/** Every sample agent's output: a one-line summary, named sections, and figures. */
export interface AgentOutput {
  /** Which agent produced it. */
  agent: string;
  /** One line saying what was done and found. */
  summary: string;
  /** Named sections; every section the task's `outputFormat.requiredSections` names is present. */
  sections: Record<string, unknown>;
  /** Counts (files read, findings, tool calls, …). */
  metrics: Record<string, number>;
}

/**
 * Builds an output whose `sections` hold every required section: a required section the agent has no content
 * for gets `null`, so a delegator can tell "asked for, nothing to say" from "not produced".
 */
export function buildOutput(
  agent: string,
  summary: string,
  sections: Record<string, unknown>,
  metrics: Record<string, number>,
  requiredSections: readonly string[] = [],
): AgentOutput {
  const all: Record<string, unknown> = { ...sections };
  for (const name of requiredSections) if (!(name in all)) all[name] = null;
  return { agent, summary, sections: all, metrics };
}
