import { describe, expect, it } from 'vitest';
import { FreeAgents } from '../../src/pool/free-agents.js';
import type { AgentRecord } from '../../src/runtime/agent-record.js';

// Records are plain objects; the host reads free slots and capabilities from maps and counts the agents it was asked
// about, so a test can tell a pick that reads every agent from one that does not.
function setup(n: number, capabilitiesOf: (i: number) => string[] = () => ['a'], type = 't') {
  const records = Array.from(
    { length: n },
    (_, i) => ({ id: `a${i}`, type, tasksCompleted: 0, tasksFailed: 0 }) as AgentRecord,
  );
  const slots = new Map<AgentRecord, number>(records.map((r) => [r, 1]));
  const caps = new Map<AgentRecord, string[]>(records.map((r, i) => [r, capabilitiesOf(i)]));
  let reads = 0;
  const agents = new FreeAgents({
    records: () => records,
    isFree: (r) => {
      reads++;
      return (slots.get(r) ?? 0) > 0;
    },
    freeSlots: (r) => slots.get(r) ?? 0,
    capabilitiesOf: (r) => caps.get(r)!,
  });
  const any = () => true;
  // What the pool does: pick, run a task on it (one slot fewer), tell the index.
  const take = (need: string[] = ['a']) => {
    const r = agents.best(need, any);
    if (r) {
      slots.set(r, slots.get(r)! - 1);
      agents.offer(r);
    }
    return r;
  };
  // A task on `r` ended.
  const release = (r: AgentRecord) => {
    slots.set(r, slots.get(r)! + 1);
    r.tasksCompleted++;
    agents.offer(r);
  };
  return { records, slots, caps, agents, any, take, release, reads: () => reads };
}

describe('FreeAgents', () => {
  it('reads every agent once, then only the few a pick or an offer touches (not O(agents) per pick)', () => {
    const { records, agents, take, release, reads } = setup(1_000);
    expect(agents.size).toBe(1_000);
    expect(reads()).toBe(1_000);
    const taken = Array.from({ length: 1_000 }, () => take());
    expect(new Set(taken).size).toBe(1_000);
    expect(take()).toBeUndefined();
    expect(reads()).toBeLessThan(1_000 + 3 * 1_000 + 10);
    const before = reads();
    release(records[7]!);
    expect(take()).toBe(records[7]);
    expect(reads() - before).toBeLessThan(5);
    agents.invalidate();
    expect(agents.size).toBe(0);
    expect(reads() - before).toBeGreaterThanOrEqual(1_000);
  });

  it('gives a task needing a capability only one of many agents has to that agent', () => {
    const { records, any, agents } = setup(500, (i) => (i === 321 ? ['a', 'rare'] : ['a']));
    expect(agents.best(['rare'], any)).toBe(records[321]);
    expect(agents.best(['a', 'rare'], any)).toBe(records[321]);
    expect(agents.best(['missing'], any)).toBeUndefined();
    expect(agents.best([], any)).toBeDefined();
  });

  it('prefers the most free slots, then the fewest tasks run, then the agent free the longest', () => {
    const { records, slots, agents, take, release } = setup(3);
    for (const r of records) slots.set(r, 2);
    agents.invalidate();
    // Equal slots and runs: the order they entered the index.
    expect(take()).toBe(records[0]);
    expect(take()).toBe(records[1]);
    expect(take()).toBe(records[2]);
    expect(take()).toBe(records[0]);
    release(records[0]!); // 1 slot like the others now, but one task run more
    expect(take()).toBe(records[1]);
    expect(take()).toBe(records[2]);
    release(records[2]!); // 1 slot and 1 task run, like records[0], which is free longer
    expect(take()).toBe(records[0]);
    expect(take()).toBe(records[2]);
    expect(take()).toBeUndefined();
  });

  it('re-reads the top before handing it out: slots taken behind its back, an agent gone busy or stopped', () => {
    const { records, slots, agents, any } = setup(3);
    for (const r of records) slots.set(r, 3);
    agents.invalidate();
    expect(agents.best(['a'], any)).toBe(records[0]);
    slots.set(records[0]!, 1); // a direct executeTask claimed two slots without telling the pool
    expect(agents.best(['a'], any)).toBe(records[1]);
    slots.set(records[1]!, 0);
    slots.set(records[2]!, 0);
    expect(agents.best(['a'], any)).toBe(records[0]);
    slots.set(records[0]!, 0);
    expect(agents.best(['a'], any)).toBeUndefined();
    expect(agents.size).toBe(0);
    // Found busy, an agent stays out until it is offered again (a task ended) or everything is re-read.
    slots.set(records[1]!, 1);
    expect(agents.best(['a'], any)).toBeUndefined();
    agents.offer(records[1]!);
    expect(agents.best(['a'], any)).toBe(records[1]);
  });

  it('skips the types the caller cannot use, and regroups an agent whose capabilities changed', () => {
    const { records, caps, agents, any } = setup(4, (i) => (i < 2 ? ['a'] : ['a', 'b']));
    records[0]!.type = 'broken';
    records[1]!.type = 'broken';
    agents.invalidate();
    expect(agents.best(['a'], (t) => t !== 'broken')).toBe(records[2]);
    expect(agents.best(['b'], (t) => t !== 't')).toBeUndefined();
    caps.set(records[3]!, ['c']); // restarted with other capabilities (a new array from its new process)
    agents.offer(records[3]!);
    expect(agents.best(['c'], any)).toBe(records[3]);
    expect(agents.best(['b'], any)).toBe(records[2]);
  });
});
