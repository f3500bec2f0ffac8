import type { ScopeFile } from '../scope/files.js';
import { compareFindings, type Finding } from './finding.js';
import { RULES, type RuleOptions } from './rules.js';

/** Runs every rule on every file; findings sorted by severity, file and line. */
export function reviewFiles(files: readonly ScopeFile[], options: Partial<RuleOptions> = {}): Finding[] {
  const opts: RuleOptions = { maxFunctionLines: options.maxFunctionLines ?? 30 };
  const findings: Finding[] = [];
  for (const file of files) {
    const lines = file.text.split(/\r?\n/);
    for (const rule of RULES) {
      for (const hit of rule.check(lines, opts)) {
        findings.push({ rule: rule.id, severity: rule.severity, file: file.path, ...hit });
      }
    }
  }
  return findings.sort(compareFindings);
}
