import { TaskDelegationBuilder } from './builder.js';

/** Numbers of a delegation template. */
export interface TemplateDefaults {
  /** Priority, 1–10. */
  priority: number;
  /** Tool-call budget. */
  maxToolCalls: number;
  /** Deadline, ms. */
  timeoutMs: number;
  /** Sections the output must contain. */
  requiredSections: string[];
}

/** The built-in templates, with the seed's numbers. */
export const DELEGATION_TEMPLATES = {
  /** Code review: priority 7, 10 tool calls, 60 s. */
  codeReview: {
    priority: 7,
    maxToolCalls: 10,
    timeoutMs: 60_000,
    requiredSections: ['Summary', 'Issues', 'Recommendations'],
  },
  /** Bug investigation: priority 9, 15 tool calls, 120 s. */
  bugInvestigation: {
    priority: 9,
    maxToolCalls: 15,
    timeoutMs: 120_000,
    requiredSections: ['Root Cause', 'Reproduction', 'Fix'],
  },
  /** Research: priority 5, 20 tool calls, 180 s. */
  research: { priority: 5, maxToolCalls: 20, timeoutMs: 180_000, requiredSections: ['Summary', 'Findings', 'Sources'] },
} as const satisfies Record<string, TemplateDefaults>;

/** Name of a built-in template. */
export type TemplateName = keyof typeof DELEGATION_TEMPLATES;

/** A builder pre-filled from a template; set `objective` and `scope`, override anything else. */
export function fromTemplate(name: TemplateName): TaskDelegationBuilder {
  const t = DELEGATION_TEMPLATES[name];
  return new TaskDelegationBuilder()
    .priority(t.priority)
    .maxToolCalls(t.maxToolCalls)
    .timeout(t.timeoutMs)
    .outputFormat('markdown')
    .requireSection(...t.requiredSections);
}
