import { context, isSpanContextValid, trace, SpanStatusCode, type Context, type Span } from '@opentelemetry/api';

const tracer = () => trace.getTracer('@axon/executor');

/** Starts the span of one attempt of a task on an agent, child of the active span (the runtime's task span). */
export function startExecuteSpan(taskId: string, agentId: string, attempt: number): { span: Span; ctx: Context } {
  const span = tracer().startSpan('axon.task.execute', {
    attributes: { 'axon.task.id': taskId, 'axon.agent.id': agentId, 'axon.task.attempt': attempt },
  });
  return { span, ctx: trace.setSpan(context.active(), span) };
}

/** Starts the span of one tool call of an agent under its task's execute span. */
export function startToolSpan(parent: Context, tool: string, agentId: string): { span: Span; ctx: Context } {
  const span = tracer().startSpan(
    'axon.tool.call',
    { attributes: { 'axon.tool.name': tool, 'axon.agent.id': agentId } },
    parent,
  );
  return { span, ctx: trace.setSpan(parent, span) };
}

/** Ends a span: OK, or ERROR with the code. */
export function finishSpan(span: Span, code?: string, message?: string): void {
  if (code) {
    span.setAttribute('axon.error.code', code);
    span.setStatus({ code: SpanStatusCode.ERROR, ...(message !== undefined && { message }) });
  }
  span.end();
}

/**
 * The W3C trace context of `span` for the agent (`task/execute` params `trace`), or `undefined` when the span is not
 * sampled into a real trace (no SDK installed).
 */
export function traceHeaders(span: Span): { traceparent: string; tracestate?: string } | undefined {
  const sc = span.spanContext();
  if (!isSpanContextValid(sc)) return undefined;
  const traceparent = `00-${sc.traceId}-${sc.spanId}-${(sc.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
  const tracestate = sc.traceState?.serialize();
  return tracestate ? { traceparent, tracestate } : { traceparent };
}
