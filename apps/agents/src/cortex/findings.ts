import type { Finding, Severity } from '../review/finding.js';

const IMPORTANCE: Record<Severity, number> = { high: 0.9, medium: 0.6, low: 0.3 };

/** The words every stored finding starts with, so that one search finds them all. */
export const FINDING_QUERY = 'review finding';

/** `cortex_store` arguments that record a finding in a workspace (and session, when given). */
export function findingToStore(f: Finding, scope: { workspaceId: string; sessionId?: string }): Record<string, unknown> {
  return {
    content: `Review finding [${f.rule}] in ${f.file} line ${f.line} (${f.severity}): ${f.message}`,
    kind: 'finding',
    tags: ['finding', `rule:${f.rule}`, `severity:${f.severity}`, `file:${f.file}`].map((t) => t.slice(0, 64)),
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
