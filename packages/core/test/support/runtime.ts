import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cortexBinPath } from '@axon/cortex';
import { AgentRuntime } from '../../src/runtime/agent-runtime.js';
import type { RuntimeConfigInput } from '../../src/config/schema.js';
import type { RuntimeEvent } from '../../src/bus/events.js';

/** The test agent (argv: capabilities). */
export const AGENT = fileURLToPath(new URL('../fixtures/agent.mjs', import.meta.url));
/** An agent that answers initialize and then stays silent. */
export const SILENT = fileURLToPath(new URL('../../../../tools/fixtures/silent-agent.mjs', import.meta.url));
/** Node, to run the fixtures. */
export const NODE = process.execPath;

/** `[command, args]` of a test agent with these capabilities. */
export function agentArgs(capabilities: string[] = []): string[] {
  return [AGENT, capabilities.join(',')];
}

const runtimes: AgentRuntime[] = [];
const dirs: string[] = [];

/** A runtime on the bundled Cortex with a throwaway database; shut down by {@link cleanup}. */
export function makeRuntime(config: RuntimeConfigInput = {}): AgentRuntime {
  const dir = mkdtempSync(join(tmpdir(), 'axon-core-'));
  dirs.push(dir);
  const mcp = { cortexBinaryPath: cortexBinPath, cortexEnv: { CORTEX_DB: join(dir, 'cortex.db') }, ...config.mcp };
  const runtime = new AgentRuntime({ ...config, mcp });
  runtimes.push(runtime);
  return runtime;
}

/** Shuts down every runtime made by {@link makeRuntime} and removes their databases. */
export async function cleanup(): Promise<void> {
  await Promise.all(runtimes.splice(0).map((r) => r.shutdown({ timeout: 2_000 })));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Records the events of a runtime. */
export function record(runtime: AgentRuntime): RuntimeEvent[] {
  const events: RuntimeEvent[] = [];
  runtime.subscribe((e) => events.push(e));
  return events;
}

/** A minimal valid delegation with `context`. */
export function task(context: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    objective: `test ${String(context.action)}`,
    boundaries: { scope: ['test'], timeout: 20_000 },
    context,
    ...extra,
  };
}

/** Resolves when `check` is true (polling), rejects after `timeout` ms. */
export async function until(check: () => boolean, timeout = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
