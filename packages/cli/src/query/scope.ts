import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LeadAgent, type Plan } from '@axon/core';
import { CliError } from '../errors/cli-error.js';

/** What looks like a path even when it does not exist: it has a slash or a source-file extension. */
const PATH_LIKE = /\/|^[\w-]+\.(?:ts|tsx|js|mjs|cjs|jsx|py|go|rs|java|rb|json|ya?ml|c|cc|cpp|h)$/;

/**
 * The files and folders a query names, relative to `cwd` as written: every word that exists under `cwd` (`dist`,
 * `src/auth`, `index.ts`). A word that looks like a path but does not exist is an `INVALID_ARGUMENT` naming it.
 */
export function queryPaths(query: string, cwd: string): string[] {
  const paths: string[] = [];
  for (const raw of query.split(/\s+/)) {
    const word = raw.replace(/^['"`(]+|['"`),;:!?]+$/g, '').replace(/\.$/, '');
    if (word === '' || /^[A-Za-z][\w+.-]+:/.test(word) || paths.includes(word)) continue;
    if (existsSync(resolve(cwd, word))) paths.push(word);
    else if (PATH_LIKE.test(word))
      throw new CliError('INVALID_ARGUMENT', `the query names ${word}, which does not exist in ${cwd}`, {
        hint: 'paths in a query are relative to the working directory',
      });
  }
  return paths;
}

/**
 * A LeadAgent whose delegations work on the paths named in the query, resolved against `cwd` (the agents get
 * `context.root = cwd`). Without a named path the plan is kept as is: agents that need files then report that
 * there is nothing to work on.
 */
export class ScopedLeadAgent extends LeadAgent {
  constructor(
    private readonly cwd: string,
    private readonly paths: readonly string[],
  ) {
    super();
  }

  override async plan(request: Parameters<LeadAgent['plan']>[0]): Promise<Plan> {
    const plan = await super.plan(request);
    for (const d of plan.delegations) {
      if (this.paths.length > 0) d.boundaries = { ...d.boundaries, scope: [...this.paths] };
      d.context = { ...(typeof d.context === 'object' && d.context !== null ? d.context : {}), root: this.cwd };
    }
    return plan;
  }
}
