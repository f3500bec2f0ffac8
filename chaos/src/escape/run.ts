import { createEscapeContext } from './context.js';
import { ESCAPE_ATTEMPTS } from './index.js';
import type { AttemptResult, EscapeAttempt } from './types.js';

/** Runs `attempts` against one hostile agent (sandboxed, or not for the control run); an attempt that throws is a row. */
export async function runAttempts(
  attempts: readonly EscapeAttempt[] = ESCAPE_ATTEMPTS,
  opts: { sandboxed: boolean; maxProcesses: number } = { sandboxed: true, maxProcesses: 64 },
): Promise<AttemptResult[]> {
  const ctx = await createEscapeContext(opts);
  const results: AttemptResult[] = [];
  try {
    for (const a of attempts) {
      try {
        results.push({ id: a.id, group: a.group, title: a.title, ...(await a.run(ctx)) });
      } catch (e) {
        // The attempt could not be made (the task failed): not an escape, but shown.
        results.push({
          id: a.id,
          group: a.group,
          title: a.title,
          escaped: false,
          outcome: `error: ${(e as Error).message.split('\n')[0]}`,
        });
      }
    }
  } finally {
    await ctx.close();
  }
  return results;
}
