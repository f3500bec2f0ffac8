import { metrics, trace, SpanStatusCode, type Span } from '@opentelemetry/api';

const SCOPE = '@axon/mcp';

// Instruments are made on first use, from the meter provider registered by then (a no-op without an SDK).
let instruments:
  | {
      calls: ReturnType<ReturnType<typeof metrics.getMeter>['createCounter']>;
      latency: ReturnType<ReturnType<typeof metrics.getMeter>['createHistogram']>;
    }
  | undefined;
let provider: unknown;

function meterInstruments(): NonNullable<typeof instruments> {
  const current = metrics.getMeterProvider();
  if (!instruments || provider !== current) {
    provider = current;
    const meter = metrics.getMeter(SCOPE);
    instruments = {
      calls: meter.createCounter('axon.tool.calls', { description: 'MCP tool calls by server, tool and outcome.' }),
      latency: meter.createHistogram('axon.tool.duration', {
        description: 'Latency of MCP tool calls by server and tool.',
        unit: 'ms',
      }),
    };
  }
  return instruments;
}

/** Starts the span of one MCP `tools/call` (child of the active span: the agent's tool call, when there is one). */
export function startCallSpan(server: string, tool: string): Span {
  return trace
    .getTracer(SCOPE)
    .startSpan(`mcp tools/call ${tool}`, { attributes: { 'mcp.server': server, 'mcp.tool': tool } });
}

/** Ends the call's span and records its outcome (`ok`, `tool_error`, or an McpError code) and latency. */
export function recordCall(span: Span, server: string, tool: string, outcome: string, ms: number): void {
  if (outcome !== 'ok' && outcome !== 'tool_error') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
  span.setAttribute('mcp.outcome', outcome);
  span.end();
  const m = meterInstruments();
  const attrs = { server, tool, outcome };
  m.calls.add(1, attrs);
  m.latency.record(ms, { server, tool });
}
