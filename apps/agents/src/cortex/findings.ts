import type { Finding, Severity } from '../review/finding.js';

const IMPORTANCE: Record<Severity, number> = { high: 0.9, medium: 0.6, low: 0.3 };

/** The words every stored finding starts with, so that one search finds them all. */
export const FINDING_QUERY = 'review finding';

/** Kind of the memory a reviewer stores last: the review of the workspace is complete. */
export const REVIEW_SUMMARY_KIND = 'review-summary';

/** How a review summary starts (it matches {@link FINDING_QUERY}). */
export const REVIEW_SUMMARY_PREFIX = 'Review finding summary:';

/** `cortex_store` arguments that record a finding in a workspace (and session, when given). */
export function findingToStore(
  f: Finding,
  scope: { workspaceId: string; sessionId?: string },
): Record<string, unknown> {
  return {
    content: `Review finding [${f.rule}] in ${f.file} line ${f.line} (${f.severity}): ${f.message}`,
    kind: 'finding',
    tags: ['finding', `rule:${f.rule}`, `severity:${f.severity}`, `file:${f.file}`, `line:${f.line}`].map((t) =>
      t.slice(0, 64),
    ),
    importance: IMPORTANCE[f.severity],
    workspaceId: scope.workspaceId,
    ...(scope.sessionId ? { sessionId: scope.sessionId } : {}),
    metadata: { ...f },
  };
}

const CONTENT = /^Review finding \[([\w-]+)\] in (.+) line (\d+) \((high|medium|low)\): (.*)$/s;

/** The finding a stored memory records (from its metadata, else its content), or `undefined`. */
export function memoryToFinding(memory: unknown): Finding | undefined {
  if (typeof memory !== 'object' || memory === null) return undefined;
  const m = memory as { metadata?: unknown; content?: unknown };
  const meta = (typeof m.metadata === 'object' && m.metadata !== null ? m.metadata : {}) as Partial<Finding>;
  if (typeof meta.rule === 'string' && typeof meta.file === 'string' && typeof meta.line === 'number') {
    return {
      rule: meta.rule,
      file: meta.file,
      line: meta.line,
      severity: meta.severity ?? 'medium',
      message: meta.message ?? '',
      excerpt: meta.excerpt ?? '',
    };
  }
  const parsed = typeof m.content === 'string' ? CONTENT.exec(m.content) : null;
  if (!parsed) return undefined;
  return {
    rule: parsed[1]!,
    file: parsed[2]!,
    line: Number(parsed[3]),
    severity: parsed[4] as Severity,
    message: parsed[5]!,
    excerpt: '',
  };
}

/**
 * The finding a search hit describes, from its tags (`rule:`, `file:`, `severity:`, `line:`);
 * the snippet's text is the message; used when whole memories cannot be retrieved.
 */
export function hitToFinding(hit: unknown): Finding | undefined {
  if (typeof hit !== 'object' || hit === null) return undefined;
  const h = hit as { tags?: unknown; snippet?: unknown };
  const tags = Array.isArray(h.tags) ? h.tags.filter((t): t is string => typeof t === 'string') : [];
  const tag = (prefix: string): string | undefined => tags.find((t) => t.startsWith(prefix))?.slice(prefix.length);
  const snippet = typeof h.snippet === 'string' ? h.snippet.replace(/\*\*/g, '') : '';
  const line = tag('line:') ?? /\bline (\d+)\b/.exec(snippet)?.[1];
  const rule = tag('rule:');
  const file = tag('file:');
  if (!rule || !file || !line) return undefined;
  const severity = tag('severity:');
  return {
    rule,
    file,
    line: Number(line),
    severity: severity === 'high' || severity === 'low' ? severity : 'medium',
    message: snippet.replace(/^.*?\): /, ''),
    excerpt: '',
  };
}
