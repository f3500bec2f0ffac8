import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { MetricsSection } from '../config/schema.js';

/** What {@link setupTelemetry} installed. */
export interface Telemetry {
  /** Answers a Prometheus scrape (text format 0.0.4), when Prometheus is on. */
  prometheus: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  /** The meter provider (registered globally). */
  meterProvider: MeterProvider;
  /** The tracer provider, when traces are exported. */
  tracerProvider: BasicTracerProvider | undefined;
  /** Flushes and stops the exporters and unregisters the global providers. */
  shutdown(): Promise<void>;
}

/**
 * Installs the OpenTelemetry SDK globally for the runtime's metrics and traces: a Prometheus reader (scraped through
 * {@link Telemetry.prometheus}) and/or OTLP/HTTP exporters, as `monitoring.metrics` says. Call it before creating
 * the `AgentRuntime` (its instruments are made on construction). Usable without `axon serve`: mount
 * `telemetry.prometheus` on any `node:http` server.
 */
export function setupTelemetry(config: MetricsSection, serviceName = 'axon'): Telemetry {
  const resource = resourceFromAttributes({ 'service.name': serviceName });
  const readers: MetricReader[] = [];
  let prometheus: PrometheusExporter | undefined;
  if (config.prometheus) {
    prometheus = new PrometheusExporter({ preventServerStart: true });
    readers.push(prometheus);
  }
  const otlp = config.otlp;
  if (otlp) {
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({
          url: `${otlp.endpoint.replace(/\/$/, '')}/v1/metrics`,
          headers: otlp.headers,
        }),
        exportIntervalMillis: otlp.interval,
      }),
    );
  }
  const meterProvider = new MeterProvider({ resource, readers });
  metrics.disable();
  metrics.setGlobalMeterProvider(meterProvider);
  let tracerProvider: BasicTracerProvider | undefined;
  if (otlp?.traces) {
    tracerProvider = new BasicTracerProvider({
      resource,
      spanProcessors: [
        new BatchSpanProcessor(
          new OTLPTraceExporter({ url: `${otlp.endpoint.replace(/\/$/, '')}/v1/traces`, headers: otlp.headers }),
        ),
      ],
    });
    installTracing(tracerProvider);
  }
  return {
    prometheus: prometheus && ((req, res) => prometheus.getMetricsRequestHandler(req, res)),
    meterProvider,
    tracerProvider,
    async shutdown() {
      await Promise.allSettled([meterProvider.shutdown(), tracerProvider?.shutdown()]);
      metrics.disable();
      if (tracerProvider) trace.disable();
    },
  };
}

/** Registers a tracer provider globally with an AsyncLocalStorage context manager (spans follow async calls). */
export function installTracing(provider: BasicTracerProvider): void {
  context.disable();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.disable();
  trace.setGlobalTracerProvider(provider);
}
