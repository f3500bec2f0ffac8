import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import {
  ProcessManager,
  type AgentSpecInput,
  type ProcessEvent,
  type ProcessManagerConfigInput,
} from '../src/index.js';

/** Absolute path of a fixture script. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

/** The agent that answers initialize and then sends nothing (shared with the core tests). */
export const SILENT_AGENT = fileURLToPath(new URL('../../../tools/fixtures/silent-agent.mjs', import.meta.url));

/** A spec that runs a fixture with this Node. */
export function agentSpec(name: string, extra: Partial<AgentSpecInput> = {}): AgentSpecInput {
  return { name, type: 'fixture', command: process.execPath, args: [fixture(name)], ...extra };
}

const managers: ProcessManager[] = [];

/** A ProcessManager with fast test timings, closed after each test. */
export function manager(config: ProcessManagerConfigInput = {}): ProcessManager {
  const pm = new ProcessManager({
    shutdownGracePeriod: 500,
    shutdownRequestTimeout: 500,
    spawnTimeout: 10_000,
    resourceSamplingInterval: 200,
    ...config,
  });
  managers.push(pm);
  return pm;
}

afterEach(async () => {
  await Promise.all(managers.splice(0).map((pm) => pm.close({ gracePeriod: 200 })));
});

/** Records every event of a manager. */
export function record(pm: ProcessManager): ProcessEvent[] {
  const events: ProcessEvent[] = [];
  pm.subscribe((e) => events.push(e));
  return events;
}

/** Resolves with the first event matching `pred`, or rejects after `ms`. */
export function nextEvent<T extends ProcessEvent>(
  pm: ProcessManager,
  pred: (e: ProcessEvent) => e is T,
  ms = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      off();
      reject(new Error(`no matching event within ${ms} ms`));
    }, ms);
    const off = pm.subscribe((e) => {
      if (pred(e)) {
        clearTimeout(t);
        off();
        resolve(e);
      }
    });
  });
}

/** True while `pid` exists (zombies count as gone). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return process.platform !== 'linux';
  }
}
