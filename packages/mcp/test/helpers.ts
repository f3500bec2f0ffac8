import { fileURLToPath } from 'node:url';
import type { McpConfigInput } from '../src/config/schema.js';

/** The echo fixture server. */
export const echoServer = fileURLToPath(new URL('./fixtures/echo-server.mjs', import.meta.url));

/** A pool config whose "cortex" is the echo fixture (with a fake cortex_search), fast restarts, plus overrides. */
export function echoConfig(overrides: McpConfigInput = {}, serverArgs: string[] = []): McpConfigInput {
  return {
    cortexBinaryPath: echoServer,
    cortexArgs: ['--cortex', ...serverArgs],
    restartBackoff: 20,
    maxRestartBackoff: 200,
    shutdownGracePeriod: 500,
    ...overrides,
  };
}

/** Text of the first content block. */
export function textOf(result: { content: unknown[] }): string {
  return (result.content[0] as { text?: string } | undefined)?.text ?? '';
}

/** Whether a process is alive. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `cond()` is true, or fails after `ms`. */
export async function until(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
