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

const quote = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

// The name a line assigns to (`const JWT_SECRET = …`, `apiKey: …`), if any.
function assignedName(excerpt: string): string | undefined {
  return /(?:const|let|var)\s+([A-Za-z_$][\w$]*)|([A-Za-z_$][\w$]*)\s*[:=]/.exec(excerpt)?.slice(1).find(Boolean);
}

const envName = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/\W+/g, '_')
    .toUpperCase();

/**
 * The change that fixes a finding, worded from the finding itself (its line, excerpt and message), so that the
 * advice is about the code in front of the agent. Findings recalled from Cortex without an excerpt get advice
 * from their message.
 */
export function fixFor(finding: Pick<Finding, 'rule' | 'excerpt' | 'message' | 'line'>): string {
  const { excerpt, message } = finding;
  const at = `line ${finding.line}`;
  switch (finding.rule) {
    case 'hardcoded-secret': {
      const name = assignedName(excerpt);
      return name
        ? `Read ${name} from process.env.${envName(name)} (fail at start-up when unset) instead of the literal at ${at}, and rotate the committed value.`
        : `Move the literal secret at ${at} to the environment or a secret store, and rotate the committed value.`;
    }
    case 'eval': {
      // The reviewer's message says whether the argument is data (JSON.parse) or code.
      const advice = message.includes('JSON.parse')
        ? 'parse the data with JSON.parse and check the fields that are used'
        : message.startsWith('new Function')
          ? 'write the function in the source instead of compiling a string'
          : 'call the code directly instead of evaluating a string';
      return `At ${at} (${quote(excerpt || message)}): ${advice}.`;
    }
    case 'token-logging': {
      const what = /\b(token|secret|password|apiKey)\b/i.exec(excerpt)?.[1] ?? 'the credential';
      return `Drop ${what} from the log call at ${at}; log an identifier or a redacted form instead.`;
    }
    case 'weak-hash':
      return `At ${at}: ${message.split(': ').slice(1).join(': ') || message}`.replace(/\.?$/, '.');
    case 'todo': {
      const note = /\b(?:TODO|FIXME|XXX|HACK)\b.*$/.exec(excerpt)?.[0];
      return note
        ? `Resolve "${quote(note.replace(/\s*\*\/\s*$/, ''))}" (${at}) or track it in an issue, then delete the note.`
        : `Resolve the note at ${at} or track it in an issue.`;
    }
    case 'missing-input-validation': {
      const m = /^(\w+)\(\) uses (.+) without/.exec(message);
      return m
        ? `Check ${m[2]} at the top of ${m[1]}() (type, non-empty, length) and throw a TypeError naming the bad argument.`
        : `Validate the function's inputs at ${at}.`;
    }
    case 'long-function': {
      const m = /^(\w+)\(\) is (\d+) lines long/.exec(message);
      return m
        ? `Split ${m[1]}() (${m[2]} lines, ${at}) into smaller named helpers, one per step.`
        : `Split the function at ${at} into smaller helpers.`;
    }
    default:
      return message ? `At ${at}: ${message}` : `Review ${at} and fix the reported problem.`;
  }
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
          change: fixFor(f),
          source,
        });
    }
  }
  const rank = { high: 0, medium: 1, low: 2 } as const;
  return [...seen.values()]
    .sort((a, b) => rank[a.severity] - rank[b.severity] || a.file.localeCompare(b.file) || a.line - b.line)
    .map((s, i) => ({ step: i + 1, ...s, description: `${s.file}:${s.line}: ${s.change}` }));
}
