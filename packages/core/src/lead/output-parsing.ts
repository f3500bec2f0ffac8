/** One thing a worker found. */
export interface Finding {
  /** What was found. */
  message: string;
  /** File it concerns, if any. */
  file?: string;
  /** Line in that file, if any. */
  line?: number;
  /** Severity as the worker reported it (`info`, `low`, `medium`, `high`, `critical`, …). */
  severity?: string;
  /** Workers that reported it (agent ids). */
  reportedBy: string[];
}

/** What one worker's output says, in a common shape. */
export interface ParsedOutput {
  /** Summary text, if any. */
  summary?: string;
  /** Findings (without `reportedBy`). */
  findings: Array<Omit<Finding, 'reportedBy'>>;
  /** Recommendations. */
  recommendations: string[];
  /** Section names present with content (lower case): a key whose value is null, empty or blank does not count. */
  sections: Set<string>;
}

const FINDING_SECTIONS = /^(issues?|findings?|root cause|problems?|defects?|results?|risks?|changes?)$/i;
const RECOMMENDATION_SECTIONS = /^(recommendations?|fix(es)?|next steps|suggestions?|plan|actions?)$/i;
const SUMMARY_SECTIONS = /^(summary|overview|conclusion)$/i;
const LOCATION = /^(?:`?([\w./-]+\.\w+)(?::(\d+))?`?\s*[:—-]\s*)/;

function toFinding(raw: unknown): Omit<Finding, 'reportedBy'> | undefined {
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (!text) return undefined;
    const m = LOCATION.exec(text);
    if (!m) return { message: text };
    const f: Omit<Finding, 'reportedBy'> = { message: text.slice(m[0].length).trim() || text, file: m[1]! };
    if (m[2]) f.line = Number(m[2]);
    return f;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const o = raw as Record<string, unknown>;
  const message = [o.message, o.title, o.description, o.text, o.summary].find((v) => typeof v === 'string' && v.trim());
  if (typeof message !== 'string') return undefined;
  const f: Omit<Finding, 'reportedBy'> = { message: message.trim() };
  if (typeof o.file === 'string') f.file = o.file;
  if (typeof o.line === 'number') f.line = o.line;
  if (typeof o.severity === 'string') f.severity = o.severity;
  return f;
}

/** Whether a section's value says something: not null, not blank, not an empty list or object. */
function hasContent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(hasContent);
  if (typeof value === 'object') return Object.values(value).some(hasContent);
  return true;
}

function strings(raw: unknown): string[] {
  if (!Array.isArray(raw)) return typeof raw === 'string' && raw.trim() ? [raw.trim()] : [];
  return raw
    .map((r) => (typeof r === 'string' ? r : toFinding(r)?.message))
    .filter((s): s is string => !!s && s.trim().length > 0);
}

function parseMarkdown(text: string): ParsedOutput {
  const out: ParsedOutput = { findings: [], recommendations: [], sections: new Set() };
  let section = '';
  const summary: string[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    const heading = /^#{1,6}\s+(.+?)\s*#*$/.exec(line);
    if (heading) {
      section = heading[1]!.replace(/[:*_`]/g, '').trim();
      continue;
    }
    // A heading counts as a section once a line of content follows it.
    if (line && section) out.sections.add(section.toLowerCase());
    const bullet = /^(?:[-*+]|\d+[.)])\s+(.+)$/.exec(line);
    if (bullet && FINDING_SECTIONS.test(section)) {
      const f = toFinding(bullet[1]);
      if (f) out.findings.push(f);
    } else if (bullet && RECOMMENDATION_SECTIONS.test(section)) {
      out.recommendations.push(bullet[1]!.trim());
    } else if (line && (SUMMARY_SECTIONS.test(section) || section === '')) {
      summary.push(line);
    }
  }
  if (summary.length > 0) out.summary = summary.join(' ');
  return out;
}

/**
 * Reads a worker's output into findings, recommendations, a summary and the sections present. Understands
 * objects (`{ summary, findings: [string | { message, file, line, severity }], recommendations }`) and markdown
 * (bullets under `## Issues` / `## Findings` / `## Root Cause` and `## Recommendations` / `## Fix`).
 */
export function parseOutput(output: unknown): ParsedOutput {
  if (typeof output === 'string') return parseMarkdown(output);
  const out: ParsedOutput = { findings: [], recommendations: [], sections: new Set() };
  if (typeof output !== 'object' || output === null) return out;
  const o = output as Record<string, unknown>;
  for (const [key, value] of Object.entries(o))
    if (hasContent(value)) out.sections.add(key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
  for (const key of ['findings', 'issues', 'rootCause', 'results']) {
    const v = o[key];
    for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v]) {
      const f = toFinding(item);
      if (f) out.findings.push(f);
    }
  }
  for (const key of ['recommendations', 'fix', 'nextSteps', 'plan']) out.recommendations.push(...strings(o[key]));
  if (typeof o.summary === 'string') out.summary = o.summary;
  else if (typeof o.markdown === 'string') return parseOutput(o.markdown);
  return out;
}
