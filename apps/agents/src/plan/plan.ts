import type { Finding } from '../review/finding.js';

/** One concrete change of the developer's plan. */
export interface PlanStep {
  /** 1-based order of the step. */
  step: number;
  /** File to change, relative to the task's root. */
  file: string;
  /** Line to change (1-based). */
  line: number;
  /** The rule the change addresses. */
  rule: string;
  /** Severity of the finding it fixes. */
  severity: Finding['severity'];
  /** What to change, in words. */
  change: string;
  /** Where the finding came from: a prior review stored in Cortex, or the developer's own scan. */
  source: 'cortex' | 'scan';
  /** The step in one line: `file:line: change`. */
  description: string;
}

const FIXES: Record<string, string> = {
  'hardcoded-secret':
    'Replace the literal with process.env lookup (fail fast when unset) and rotate the leaked secret.',
  eval: 'Replace eval with JSON.parse and validate the parsed claims (types of sub, iss, exp).',
  'token-logging': 'Remove the token from the log line; log the user id and a token fingerprint at most.',
  'weak-hash': 'Hash passwords with crypto.scrypt and a per-user random salt; compare with timingSafeEqual.',
  todo: 'Resolve the note or move it to the issue tracker, then delete the comment.',
  'missing-input-validation':
    'Validate the arguments at the top of the function (type, non-empty, length) and throw a TypeError naming the argument.',
  'long-function': 'Split the function: move each branch into a small named helper or a lookup table.',
};

/** The change that fixes a finding of `rule`. */
export function fixFor(rule: string): string {
  return FIXES[rule] ?? 'Review the flagged line and fix the reported problem.';
}

/**
 * Builds the change plan: one step per distinct (rule, file, line), findings from Cortex first (they were
 * agreed on by a review), then the developer's own; ordered by severity, file, line.
 */
export function planChanges(fromCortex: readonly Finding[], fromScan: readonly Finding[]): PlanStep[] {
  const seen = new Map<string, Omit<PlanStep, 'step' | 'description'>>();
  for (const [source, list] of [
    ['cortex', fromCortex],
    ['scan', fromScan],
  ] as const) {
    for (const f of list) {
      const key = `${f.rule}|${f.file}|${f.line}`;
      if (!seen.has(key))
        seen.set(key, {
          file: f.file,
          line: f.line,
          rule: f.rule,
          severity: f.severity,
          change: fixFor(f.rule),
          source,
        });
    }
  }
  const rank = { high: 0, medium: 1, low: 2 } as const;
  return [...seen.values()]
    .sort((a, b) => rank[a.severity] - rank[b.severity] || a.file.localeCompare(b.file) || a.line - b.line)
    .map((s, i) => ({ step: i + 1, ...s, description: `${s.file}:${s.line}: ${s.change}` }));
}
