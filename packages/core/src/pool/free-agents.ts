import type { AgentRecord } from '../runtime/agent-record.js';
import type { PoolHost } from './pool-host.js';

/**
 * Which agents may take a task, without scanning every agent for every dispatched task: after a lifecycle change
 * ({@link invalidate}) the next {@link list} scans all agents; otherwise it checks only the agents still free from
 * the last list and those {@link offer}ed since (released by a task, or reported Ready/Idle).
 * Why: a scan per task made the pool O(agents) per task (three scans per task with 200 agents).
 */
export class FreeAgents {
  private readonly candidates = new Set<AgentRecord>();
  private stale = true;

  constructor(private readonly host: Pick<PoolHost, 'records' | 'isFree'>) {}

  /** Something may have freed any agent (spawned, restarted, type registered): the next list scans them all. */
  invalidate(): void {
    this.stale = true;
  }

  /** `record` may have become free (its task ended, or it went Ready/Idle). */
  offer(record: AgentRecord): void {
    this.candidates.add(record);
  }

  /** The agent was given a task. */
  take(record: AgentRecord): void {
    this.candidates.delete(record);
  }

  /** The free agents now (each checked with `isFree`); candidates found busy are dropped until offered again. */
  list(): AgentRecord[] {
    const out: AgentRecord[] = [];
    if (this.stale) {
      this.stale = false;
      this.candidates.clear();
      for (const r of this.host.records()) {
        if (!this.host.isFree(r)) continue;
        this.candidates.add(r);
        out.push(r);
      }
      return out;
    }
    for (const r of this.candidates) {
      if (this.host.isFree(r)) out.push(r);
      else this.candidates.delete(r);
    }
    return out;
  }
}
