import { metrics } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentRuntime } from '@axon/core';
import { installTracing } from '../../src/index.js';
import { startTestServer } from '../support/harness.js';

const B = { scope: ['test'] };
const spans = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
let h: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  installTracing(provider);
  h = await startTestServer({ minIdle: 1, max: 1, options: { telemetry: false } });
});
afterAll(async () => {
  await h?.stop();
  await provider.shutdown();
});

const named = (name: string) => spans.getFinishedSpans().filter((s) => s.name === name);
const parentId = (s: ReadableSpan) => s.parentSpanContext?.spanId;

describe('tracing', () => {
  it('traces a task: queue wait and execution under the task span, tool calls down to the MCP server', async () => {
    await h.server.runtime.submit({
      taskId: 't-tool',
      objective: 'tool',
      boundaries: B,
      context: { action: 'tool', tool: 'cortex_search', args: { query: 'x' } },
    });
    const task = named('axon.task').find((s) => s.attributes['axon.task.id'] === 't-tool')!;
    expect(task).toBeDefined();
    const trace = task.spanContext().traceId;
    const inTrace = spans.getFinishedSpans().filter((s) => s.spanContext().traceId === trace);
    const queue = inTrace.find((s) => s.name === 'axon.task.queue')!;
    const execute = inTrace.find((s) => s.name === 'axon.task.execute')!;
    const tool = inTrace.find((s) => s.name === 'axon.tool.call')!;
    const mcp = inTrace.find((s) => s.name === 'mcp tools/call cortex_search')!;
    expect(parentId(queue)).toBe(task.spanContext().spanId);
    expect(parentId(execute)).toBe(task.spanContext().spanId);
    expect(parentId(tool)).toBe(execute.spanContext().spanId);
    expect(parentId(mcp)).toBe(tool.spanContext().spanId);
    expect(tool.attributes).toMatchObject({ 'axon.tool.name': 'cortex_search', 'axon.tool.outcome': 'ok' });
    expect(mcp.attributes).toMatchObject({ 'mcp.server': 'cortex', 'mcp.tool': 'cortex_search', 'mcp.outcome': 'ok' });
    expect(named('axon.agent.spawn').length).toBeGreaterThanOrEqual(1);
  });

  it('sends the W3C traceparent of the execute span to the agent', async () => {
    const result = await h.server.runtime.submit({
      taskId: 't-trace',
      objective: 'trace',
      boundaries: B,
      context: { action: 'trace' },
    });
    const execute = named('axon.task.execute').find((s) => s.attributes['axon.task.id'] === 't-trace')!;
    const { traceId, spanId } = execute.spanContext();
    expect((result.output as { traceparent: string }).traceparent).toBe(`00-${traceId}-${spanId}-01`);
  });

  it('marks a failed task span with its error code', async () => {
    await expect(
      h.server.runtime.submit({ taskId: 't-fail', objective: 'fail', boundaries: B, context: { action: 'fail' } }),
    ).rejects.toMatchObject({ code: 'TASK_FAILED' });
    const task = named('axon.task').find((s) => s.attributes['axon.task.id'] === 't-fail')!;
    expect(task.status.code).toBe(2); // ERROR
    expect(task.attributes['axon.error.code']).toBe('TASK_FAILED');
  });
});

describe('runtime metrics', () => {
  it('records tasks, durations and agents through an in-memory exporter', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
    const meterProvider = new MeterProvider({ readers: [reader] });
    const stop = instrumentRuntime(h.server.runtime, meterProvider.getMeter('test'));
    try {
      await h.server.runtime.submit({ objective: 'noop', boundaries: B, context: { action: 'noop' } });
      await reader.forceFlush();
      const all = exporter.getMetrics().flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
      const byName = new Map(all.map((m) => [m.descriptor.name, m]));
      const tasks = byName.get('axon.tasks')!;
      expect(tasks.dataPoints.find((p) => p.attributes.outcome === 'completed')?.value).toBe(1);
      const duration = byName.get('axon.task.duration')!;
      expect((duration.dataPoints[0]!.value as { count: number }).count).toBe(1);
      const agents = byName.get('axon.agents')!;
      expect(agents.dataPoints.reduce((n, p) => n + (p.value as number), 0)).toBe(1);
      expect(byName.has('axon.queue.depth')).toBe(true);
    } finally {
      stop();
      await meterProvider.shutdown();
      metrics.disable();
    }
  });
});
