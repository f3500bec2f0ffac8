/** How much a finding matters. */
export type Severity = 'high' | 'medium' | 'low';

/** One problem the reviewer found, at a file and line. */
export interface Finding {
  /** Rule id, e.g. `'hardcoded-secret'`. */
  rule: string;
  /** How much it matters. */
  severity: Severity;
  /** File path relative to the task's root. */
  file: string;
  /** 1-based line number. */
  line: number;
  /** What is wrong, in words. */
  message: string;
  /** The offending line, trimmed (secrets masked). */
  excerpt: string;
}

/** Orders findings by severity, then file, then line. */
export function compareFindings(a: Finding, b: Finding): number {
  const rank = { high: 0, medium: 1, low: 2 } as const;
  return (
    rank[a.severity] - rank[b.severity] ||
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.rule.localeCompare(b.rule)
  );
}

/** One line naming a finding: `high hardcoded-secret src/auth/config.ts:9 Hard-coded secret …`. */
export function formatFinding(f: Finding): string {
  return `${f.severity} ${f.rule} ${f.file}:${f.line} ${f.message}`;
}
