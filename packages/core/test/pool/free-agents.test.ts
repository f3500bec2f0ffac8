import { describe, expect, it } from 'vitest';
import { FreeAgents } from '../../src/pool/free-agents.js';
import type { AgentRecord } from '../../src/runtime/agent-record.js';

// Records are plain objects; the host decides freeness from a set and counts the checks.
function setup(n: number) {
  const records = Array.from({ length: n }, (_, i) => ({ id: `a${i}` }) as AgentRecord);
  const free = new Set<AgentRecord>(records);
  let checks = 0;
  const agents = new FreeAgents({
    records: () => records,
    isFree: (r) => {
      checks++;
      return free.has(r);
    },
  });
  return { records, free, agents, checks: () => checks };
}

describe('FreeAgents', () => {
  it('scans every agent on the first list and after invalidate, otherwise only the candidates', () => {
    const { records, free, agents, checks } = setup(100);
    expect(agents.list()).toHaveLength(100);
    expect(checks()).toBe(100);
    for (const r of records) {
      agents.take(r);
      free.delete(r);
    }
    expect(agents.list()).toEqual([]);
    expect(checks()).toBe(100);

    free.add(records[7]!);
    agents.offer(records[7]!);
    expect(agents.list()).toEqual([records[7]]);
    expect(checks()).toBe(101);

    free.add(records[9]!);
    agents.invalidate();
    expect(agents.list()).toEqual([records[7], records[9]]);
    expect(checks()).toBe(201);
  });

  it('drops a candidate that is no longer free until it is offered again', () => {
    const { records, free, agents } = setup(3);
    agents.list();
    free.delete(records[1]!);
    expect(agents.list()).toEqual([records[0], records[2]]);
    free.add(records[1]!);
    expect(agents.list()).toEqual([records[0], records[2]]);
    agents.offer(records[1]!);
    expect(agents.list()).toEqual([records[0], records[2], records[1]]);
  });
});
