import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '../../src/index.js';
import { startTestServer, until } from '../support/harness.js';

type Family = {
  name: string;
  type: string;
  metrics: Array<{ labels?: Record<string, string>; value?: string; count?: string; buckets?: Record<string, string> }>;
};

const B = { scope: ['test'] };
let h: Awaited<ReturnType<typeof startTestServer>>;
let client: AdminClient;

async function scrape(): Promise<Map<string, Family>> {
  const res = await fetch(`${h.url}/metrics`, { headers: { authorization: `Bearer ${h.token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  const text = await res.text();
  if (process.env.DUMP_METRICS) console.log(text);
  const families = parsePrometheusTextFormat(text) as Family[];
  return new Map(families.map((f) => [f.name, f]));
}

const value = (f: Family | undefined, labels: Record<string, string>) =>
  f?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));

beforeAll(async () => {
  h = await startTestServer({ minIdle: 2, max: 2 });
  client = new AdminClient({ url: h.url, token: h.token });
});
afterAll(async () => {
  await h?.stop();
});

describe('Prometheus /metrics', () => {
  it('exposes agents, tasks by outcome and code, durations, tool calls by server/tool/outcome, CPU and memory', async () => {
    await client.submit({ taskId: 'm-ok', objective: 'noop', boundaries: B, context: { action: 'noop' } });
    await client.submit({ taskId: 'm-fail', objective: 'fail', boundaries: B, context: { action: 'fail' } });
    await client.submit({
      taskId: 'm-tool',
      objective: 'tool',
      boundaries: B,
      context: { action: 'tool', tool: 'cortex_search', args: { query: 'anything' } },
    });
    for (const id of ['m-ok', 'm-fail', 'm-tool'])
      await until(async () => ['completed', 'failed'].includes((await client.task(id)).status), `${id} to end`);
    // Resource samples arrive every metricsInterval (500 ms here).
    await until(
      () => h.server.runtime.listAgents().every((a) => (a.resources?.memoryBytes ?? 0) > 0),
      'resource samples',
    );

    const m = await scrape();
    const tasks = m.get('axon_tasks_total');
    expect(tasks?.type).toBe('COUNTER');
    expect(Number(value(tasks, { outcome: 'completed' })?.value)).toBeGreaterThanOrEqual(2);
    expect(Number(value(tasks, { outcome: 'failed', code: 'TASK_FAILED' })?.value)).toBe(1);

    const duration = [...m.values()].find((f) => f.name.startsWith('axon_task_duration'));
    expect(duration?.type).toBe('HISTOGRAM');
    expect(Number(duration!.metrics[0]!.buckets?.['+Inf'])).toBeGreaterThanOrEqual(2);

    const calls = m.get('axon_tool_calls_total');
    expect(Number(value(calls, { server: 'cortex', tool: 'cortex_search', outcome: 'ok' })?.value)).toBe(1);
    const latency = [...m.values()].find((f) => f.name.startsWith('axon_tool_duration'));
    // The parser folds a labelled histogram into its buckets (labels dropped): one series here, one call.
    expect(latency?.type).toBe('HISTOGRAM');
    expect(Number(latency!.metrics[0]!.buckets?.['+Inf'])).toBe(1);

    const agents = m.get('axon_agents');
    // The parser keeps a histogram's buckets (its +Inf bucket is the count).
    const live = agents!.metrics
      .filter((x) => x.labels?.agent_type === 'worker')
      .reduce((n, x) => n + Number(x.value), 0);
    expect(live).toBe(2);
    expect([...m.keys()]).toContain('axon_queue_depth');
    const memory = [...m.values()].find((f) => f.name.startsWith('axon_agent_memory'));
    const cpu = [...m.values()].find((f) => f.name.startsWith('axon_agent_cpu'));
    for (const a of h.server.runtime.listAgents()) {
      expect(Number(value(memory, { agent_id: a.id })?.value)).toBeGreaterThan(0);
      expect(value(cpu, { agent_id: a.id })).toBeDefined();
    }
  });

  it('counts restarts and shows the breaker state per agent type', async () => {
    const [a] = h.server.runtime.listAgents();
    await client.restart(a!.id);
    const m = await scrape();
    expect(Number(m.get('axon_agent_restarts_total')?.metrics[0]?.value)).toBeGreaterThanOrEqual(1);
    expect(value(m.get('axon_breaker_state'), { agent_type: 'worker' })?.value).toBe('0');
  });
});
