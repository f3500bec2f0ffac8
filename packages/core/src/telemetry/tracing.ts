import { context, trace, SpanStatusCode, type Context, type Span } from '@opentelemetry/api';

/** Name of the tracer (and meter) the runtime reports under. */
export const CORE_INSTRUMENTATION = '@axon/core';

const tracer = () => trace.getTracer(CORE_INSTRUMENTATION);

/** Starts the span of one submitted task (child of the caller's active span, if any). Ended by {@link endSpan}. */
export function startTaskSpan(taskId: string, priority: number): Span {
  return tracer().startSpan('axon.task', { attributes: { 'axon.task.id': taskId, 'axon.task.priority': priority } });
}

/** Records the queue wait of a task as a child span from `since` (epoch ms) to now. */
export function recordQueueWait(parent: Span, since: number, attempt: number): void {
  if (!parent.isRecording()) return;
  tracer()
    .startSpan(
      'axon.task.queue',
      { startTime: since, attributes: { 'axon.task.attempt': attempt } },
      trace.setSpan(context.active(), parent),
    )
    .end();
}

/** The context in which an attempt of the task runs (the executor's spans become its children). */
export function taskContext(span: Span): Context {
  return trace.setSpan(context.active(), span);
}

/** Ends a span with an error status (code and message) or OK. */
export function endSpan(span: Span, error?: { code: string; message: string }): void {
  if (error) {
    span.setAttribute('axon.error.code', error.code);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  } else span.setStatus({ code: SpanStatusCode.OK });
  span.end();
}

/** Starts the span of an agent process start (pool growth, warm agents, restarts). */
export function startSpawnSpan(agentId: string, agentType: string, restart: boolean): Span {
  return tracer().startSpan('axon.agent.spawn', {
    attributes: { 'axon.agent.id': agentId, 'axon.agent.type': agentType, 'axon.agent.restart': restart },
  });
}
