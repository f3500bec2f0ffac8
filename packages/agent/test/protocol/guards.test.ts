import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/protocol/guards/check.js';
import { AAP_GUARDED_METHODS, getAapGuard } from '../../src/protocol/guards/table.js';
import { AAP_METHODS, getAapMethod } from '../../src/index.js';
import { validate } from '../../src/internals.js';

// The peer validates with hand-written guards (no zod at start-up); they must accept, output and word exactly what
// the exported zod schemas do. Each case starts from a full valid message and replaces or removes one field.
const samples: Record<string, { params: unknown; result?: unknown }> = {
  initialize: {
    params: {
      protocolVersion: '2026-11-01',
      agent: { id: 'a1', name: 'echo', type: 'demo' },
      heartbeatIntervalMs: 1000,
      limits: {
        maxMemoryBytes: 1,
        cpuLimitPercent: 80,
        maxFileDescriptors: 64,
        maxOutputSizeBytes: 5,
        maxTaskDuration: 9,
        maxToolCallsPerTask: 3,
        extra: 'kept',
      },
      config: { k: [1] },
    },
    result: { protocolVersion: '2026-11-01', agent: { name: 'echo', version: '1.0.0' }, capabilities: ['echo', 'x'] },
  },
  'task/execute': {
    params: { task: { taskId: 't1', objective: 'do', priority: 3 }, attempt: 2, checkpoint: { step: 1 } },
    result: { output: { a: 1 }, usage: { tokensUsed: 3, costCents: 0.5 } },
  },
  'task/cancel': { params: { taskId: 't1', reason: 'why' } },
  shutdown: { params: {}, result: {} },
  ping: { params: {}, result: { timestamp: 1700000000000 } },
  'tools/list': {
    params: { taskId: 't1' },
    result: { tools: [{ name: 'read', description: 'd', inputSchema: { type: 'object' } }, { name: 'w' }] },
  },
  'tools/call': {
    params: { taskId: 't1', name: 'read', arguments: { path: 'x' } },
    result: { content: [{ type: 'text', text: 'hi' }], structuredContent: { a: 1 }, isError: true },
  },
  heartbeat: { params: { timestamp: 5, state: 'busy', taskId: 't1' } },
  'task/progress': { params: { taskId: 't1', progress: 0.5, message: 'half' } },
  'task/checkpoint': { params: { taskId: 't1', data: { step: 2 } } },
  log: { params: { level: 'warn', message: 'm', data: [1], taskId: 't1' } },
  'bus/publish': { params: { topic: 'news', payload: { x: 1 } } },
  'bus/subscribe': { params: { topic: 'news' }, result: { subscriptionId: 's1' } },
  'bus/unsubscribe': { params: { subscriptionId: 's1' }, result: {} },
  'bus/message': { params: { topic: 'news', payload: 1, from: 'a2', subscriptionId: 's1' } },
};

const replacements: unknown[] = [
  '',
  'x',
  'idle',
  0,
  -1,
  1,
  1.5,
  0.5,
  2,
  2 ** 60,
  true,
  null,
  [],
  ['x'],
  [1],
  {},
  { name: 'n' },
];

/** Every path to a value inside `v` (objects and arrays), the root excluded. */
function paths(v: unknown, prefix: PropertyKey[] = []): PropertyKey[][] {
  if (typeof v !== 'object' || v === null) return [];
  return Object.entries(v).flatMap(([k, child]) => {
    const p = [...prefix, Array.isArray(v) ? Number(k) : k];
    return [p, ...paths(child, p)];
  });
}

function withAt(v: unknown, path: PropertyKey[], value: unknown, remove = false): unknown {
  const copy = structuredClone(v) as Record<PropertyKey, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<PropertyKey, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

function variants(sample: unknown): unknown[] {
  const out: unknown[] = [sample, ...replacements, withAt(sample, ['zz'], 1)];
  for (const p of paths(sample)) {
    out.push(withAt(sample, p, undefined, true));
    for (const r of replacements) out.push(withAt(sample, p, r));
  }
  return out;
}

function expectSame(
  schema: Parameters<typeof validate>[0],
  check: Parameters<typeof runCheck>[0],
  value: unknown,
): void {
  const z = validate(schema, value);
  const g = runCheck(check, value);
  expect(g, JSON.stringify(value)).toEqual(z);
}

describe('AAP guards (zod-free validation in the peer)', () => {
  it('cover exactly the methods of AAP_METHODS, with the same kind and direction', () => {
    expect([...AAP_GUARDED_METHODS].sort()).toEqual(Object.keys(AAP_METHODS).sort());
    for (const m of AAP_GUARDED_METHODS) {
      expect(getAapGuard(m)!.kind).toBe(getAapMethod(m)!.kind);
      expect(getAapGuard(m)!.direction).toBe(getAapMethod(m)!.direction);
      expect(getAapGuard(m)!.result === undefined).toBe(getAapMethod(m)!.result === undefined);
    }
    expect(getAapGuard('toString')).toBeUndefined();
  });

  it.each(Object.keys(samples))(
    '%s: same outcome, output and messages as the zod schemas for every one-field change',
    (method) => {
      const spec = getAapMethod(method)!;
      const guard = getAapGuard(method)!;
      const { params, result } = samples[method]!;
      for (const v of variants(params)) expectSame(spec.params, guard.params, v);
      if (result !== undefined) for (const v of variants(result)) expectSame(spec.result!, guard.result!, v);
    },
  );

  it('agree with zod on random JSON objects', () => {
    const methods = Object.keys(samples);
    fc.assert(
      fc.property(
        fc.constantFrom(...methods),
        fc.boolean(),
        fc.dictionary(
          fc.constantFrom(
            'taskId',
            'task',
            'timestamp',
            'state',
            'level',
            'message',
            'topic',
            'payload',
            'tools',
            'content',
            'agent',
            'output',
            'x',
          ),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        (method, asResult, value) => {
          const spec = getAapMethod(method)!;
          const guard = getAapGuard(method)!;
          if (asResult && spec.result) expectSame(spec.result, guard.result!, value);
          else expectSame(spec.params, guard.params, value);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
