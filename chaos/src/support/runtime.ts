import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentRuntime, type RuntimeConfigInput, type RuntimeEvent } from '@axon/core';
import { cortexBinPath } from '@axon/cortex';

/** A runtime on the bundled Cortex with a throwaway database and work directory. */
export interface ChaosRuntime {
  runtime: AgentRuntime;
  /** A temporary directory for this scenario (ledgers, databases); removed by `close`. */
  dir: string;
  /** Every bus event seen so far. */
  events: RuntimeEvent[];
  /** Shuts the runtime down and removes `dir`. */
  close(): Promise<void>;
}

/** Creates and starts a runtime for one scenario. */
export async function startRuntime(config: RuntimeConfigInput = {}): Promise<ChaosRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'axon-chaos-'));
  const mcp = {
    cortexBinaryPath: cortexBinPath,
    cortexEnv: { CORTEX_DB: join(dir, 'cortex.db') },
    mode: 'shared' as const,
    ...config.mcp,
  };
  const runtime = new AgentRuntime({ ...config, mcp });
  const events: RuntimeEvent[] = [];
  runtime.subscribe((e) => void events.push(e));
  await runtime.start();
  return {
    runtime,
    dir,
    events,
    async close() {
      await runtime.shutdown({ timeout: 5_000 }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Events of one type. */
export function eventsOf<T extends RuntimeEvent['type']>(
  events: readonly RuntimeEvent[],
  type: T,
): Array<Extract<RuntimeEvent, { type: T }>> {
  return events.filter((e): e is Extract<RuntimeEvent, { type: T }> => e.type === type);
}
