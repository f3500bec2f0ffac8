/** How much work a query looks like. */
export type ComplexityLevel = 'simple' | 'moderate' | 'complex';

/** The estimate of a query's complexity and the signals behind it. */
export interface ComplexityEstimate {
  /** `simple` (one worker), `moderate` (two), `complex` (three or more). */
  level: ComplexityLevel;
  /** 0 (trivial) to 1 (very complex). */
  score: number;
  /** Workers the planner should aim for. */
  suggestedWorkers: number;
  /** Why: the signals found in the query. */
  signals: string[];
}

const BREADTH =
  /\b(all|every|entire|whole|across|end[- ]to[- ]end|codebase|system|architecture|comprehensive|thorough)\b/gi;
const DEPTH =
  /\b(security|performance|concurren\w*|race|memory leak|deadlock|migration|refactor\w*|scalab\w*|root cause)\b/gi;
const CONJUNCTIONS = /\b(and|also|then|plus|as well as)\b/gi;
const PATHS =
  /(?:^|\s)([\w.-]+\/[\w./-]+|[\w-]+\.(?:ts|tsx|js|mjs|cjs|py|go|rs|java|rb|md|json|ya?ml|c|cc|cpp|h))(?=\s|$|[,;:)])/g;

function count(re: RegExp, text: string): number {
  return text.match(re)?.length ?? 0;
}

/**
 * Estimates a query's complexity from plain signals: length, breadth words ("entire", "across"), depth words
 * ("security", "race"), the number of asks (questions, conjunctions) and of files named. Deterministic.
 */
export function estimateComplexity(query: string): ComplexityEstimate {
  const text = query.trim();
  const words = text.split(/\s+/).filter(Boolean).length;
  const signals: string[] = [];
  let score = Math.min(0.3, words / 200);
  if (words > 25) signals.push(`${words} words`);
  const breadth = count(BREADTH, text);
  if (breadth > 0) signals.push(`${breadth} breadth term(s)`);
  const depth = count(DEPTH, text);
  if (depth > 0) signals.push(`${depth} depth term(s)`);
  const asks = count(/\?/g, text) + count(CONJUNCTIONS, text);
  if (asks > 1) signals.push(`${asks} asks`);
  const files = [...text.matchAll(PATHS)].length;
  if (files > 2) signals.push(`${files} files named`);
  score +=
    Math.min(0.25, breadth * 0.12) +
    Math.min(0.25, depth * 0.1) +
    Math.min(0.3, Math.max(0, asks - 1) * 0.1) +
    Math.min(0.15, Math.max(0, files - 2) * 0.05);
  score = Math.min(1, Math.round(score * 100) / 100);
  const level: ComplexityLevel = score >= 0.55 ? 'complex' : score >= 0.15 ? 'moderate' : 'simple';
  const suggestedWorkers =
    level === 'simple' ? 1 : level === 'moderate' ? 2 : Math.min(5, 3 + Math.floor((score - 0.55) / 0.2));
  return { level, score, suggestedWorkers, signals };
}

/** File and folder paths named in a query (used as a delegation's scope). */
export function extractPaths(query: string): string[] {
  return [...new Set([...query.matchAll(PATHS)].map((m) => m[1]!))];
}
