import { covers, type AgentTypeSpec } from './agent-type.js';
import type { PoolHost } from './pool-host.js';
import type { QueuedTask } from './queued-task.js';

// How many sets of required capabilities (their first queued tasks, best first) are looked at to decide what to spawn.
const GROWTH_SCAN = 64;

/**
 * Agents the pool starts at once (warm start and growth alike); the next starts as soon as one is Ready. Starts
 * overlap their waits (exec, the kernel's cgroup migration, the agent's own start-up) but compete for CPU: on a
 * 2-core machine 200 Node agents are all Ready about as soon with 32 at a time as with all 200 at once, and the
 * runtime stays responsive meanwhile.
 */
export const POOL_SPAWN_PARALLEL = 32;

/**
 * Decides when the pool starts agents: one more of a type whose capabilities cover a waiting task (up to the
 * type's `max`, `maxConcurrentProcesses`, and never while its breaker is open), and enough to keep `minIdle`
 * idle agents per type.
 */
export class PoolGrowth {
  private readonly spawning = new Map<string, number>();
  // No type could grow when last looked at; stays so until reset() (a lifecycle change), sparing a pass per task.
  private saturated = false;

  constructor(
    private readonly host: PoolHost,
    private readonly types: ReadonlyMap<string, AgentTypeSpec>,
    private readonly hooks: { started(): void; failed(type: string): void },
  ) {}

  /** Looks again whether a type can grow (call after a spawn, exit, restart, termination or breaker change). */
  reset(): void {
    this.saturated = false;
  }

  /** Agents being started, all types. */
  spawningTotal(): number {
    let n = 0;
    for (const v of this.spawning.values()) n += v;
    return n;
  }

  /**
   * Starts agents for waiting tasks (`queued()` gives the first task of each set of required capabilities, best
   * first; `waiting` is the number of tasks). The queue is only read when some type can grow: with every type at its
   * `max` (the steady state under load) this is one pass over the agents until the next {@link reset}.
   */
  grow(queued: () => readonly QueuedTask[], waiting: number): void {
    if (waiting === 0 || this.types.size === 0 || !this.anyCanGrow()) return;
    for (const entry of queued().slice(0, GROWTH_SCAN)) {
      if (this.spawningTotal() >= waiting) return;
      const need = entry.task.requiredCapabilities;
      for (const [type, spec] of this.types) {
        if (covers(spec.capabilities, need) && this.canGrow(type, spec)) {
          this.spawn(type, spec);
          break;
        }
      }
    }
  }

  /** Starts agents until each type has `minIdle` idle (or starting) agents, within its limits. */
  keepWarm(): void {
    if (this.types.size === 0 || !this.anyCanGrow()) return; // nothing may be spawned anyway
    let free: Map<string, number> | undefined;
    for (const [type, spec] of this.types) {
      if (spec.minIdle === 0) continue;
      free ??= this.freeByType();
      let idle = (this.spawning.get(type) ?? 0) + (free.get(type) ?? 0);
      while (idle < spec.minIdle && this.canGrow(type, spec)) {
        this.spawn(type, spec);
        idle++;
      }
    }
  }

  // Whether some type may start an agent; when none may, stays false until reset() without looking again.
  private anyCanGrow(): boolean {
    if (this.saturated) return false;
    for (const [type, spec] of this.types) if (this.canGrow(type, spec)) return true;
    this.saturated = true;
    return false;
  }

  // One pass over the agents for every type (was one per type).
  private freeByType(): Map<string, number> {
    const free = new Map<string, number>();
    for (const r of this.host.records())
      if (this.types.has(r.type) && this.host.isFree(r)) free.set(r.type, (free.get(r.type) ?? 0) + 1);
    return free;
  }

  private typeCount(type: string): number {
    let n = this.spawning.get(type) ?? 0;
    for (const r of this.host.records()) if (r.pooled && r.type === type && !r.stopping) n++;
    return n;
  }

  private canGrow(type: string, spec: AgentTypeSpec): boolean {
    const max = this.host.config.process.maxConcurrentProcesses;
    return (
      this.spawningTotal() < POOL_SPAWN_PARALLEL &&
      this.typeCount(type) < spec.max &&
      this.host.processCount() + this.spawningTotal() < max &&
      this.host.breaker(type).state !== 'open'
    );
  }

  private spawn(type: string, spec: AgentTypeSpec): void {
    this.spawning.set(type, (this.spawning.get(type) ?? 0) + 1);
    const done = () => this.spawning.set(type, (this.spawning.get(type) ?? 1) - 1);
    this.host.spawnPooled(type, spec).then(
      () => {
        done();
        this.hooks.started();
      },
      () => {
        done();
        this.hooks.failed(type);
      },
    );
  }
}
