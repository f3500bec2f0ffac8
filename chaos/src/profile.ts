/** Sizes of every scenario; `ci` is scaled down to fit a few minutes on a loaded 2-core machine. */
export interface Profile {
  name: 'ci' | 'full';
  /** Scenario 1: tasks submitted and agents SIGKILLed while busy. */
  kills: { tasks: number; kills: number; agents: number; deadlineMs: number };
  /** Scenario 2: agents (each with one grandchild) under the runtime that is SIGKILLed. */
  runtimeKill: { agents: number; graceMs: number };
  /** Scenario 3: Cortex stores in all, in flight at once. */
  cortexKill: { stores: number; concurrency: number };
  /** Scenario 4: bad frames sent by one agent, and valid frames interleaved. */
  frames: { bad: number; valid: number };
  /** Scenario 6: agents whose environment is inspected. */
  secrets: { directAgents: number; pooledAgents: number };
  /** Scenario 7: requests from an agent that does not read its stdin. */
  backpressure: { subscribes: number; toolsLists: number };
  /** Scenario 8: bytes of garbage and of valid frames. */
  garbage: { bytes: number };
  /** Scenario 9: tasks on one warm agent and the size of each result. */
  longLived: { tasks: number; resultBytes: number };
}

/** The profiles by name. */
export const PROFILES: Record<Profile['name'], Profile> = {
  ci: {
    name: 'ci',
    kills: { tasks: 500, kills: 50, agents: 6, deadlineMs: 180_000 },
    runtimeKill: { agents: 20, graceMs: 2_000 },
    cortexKill: { stores: 1_000, concurrency: 16 },
    frames: { bad: 10_000, valid: 1_000 },
    secrets: { directAgents: 3, pooledAgents: 2 },
    backpressure: { subscribes: 3_000, toolsLists: 15_000 },
    garbage: { bytes: 8 * 1024 ** 2 },
    longLived: { tasks: 1_000, resultBytes: 100 * 1024 },
  },
  full: {
    name: 'full',
    kills: { tasks: 2_000, kills: 100, agents: 8, deadlineMs: 900_000 },
    runtimeKill: { agents: 20, graceMs: 2_000 },
    cortexKill: { stores: 1_000, concurrency: 16 },
    frames: { bad: 10_000, valid: 1_000 },
    secrets: { directAgents: 5, pooledAgents: 5 },
    backpressure: { subscribes: 3_000, toolsLists: 15_000 },
    garbage: { bytes: 8 * 1024 ** 2 },
    longLived: { tasks: 10_000, resultBytes: 100 * 1024 },
  },
};
