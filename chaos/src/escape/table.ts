import type { AttemptResult } from './types.js';

/** The suite's results as a markdown table (one row per attempt), for docs/security.md and the chaos report. */
export function renderEscapeTable(results: readonly AttemptResult[]): string {
  const rows = results.map(
    (r) => `| ${r.group} | ${r.title} | ${r.outcome.replace(/\|/g, '\\|')} | ${r.escaped ? '**escaped**' : 'no'} |`,
  );
  return ['| group | attempt | what happened | escaped |', '|---|---|---|---|', ...rows].join('\n');
}
