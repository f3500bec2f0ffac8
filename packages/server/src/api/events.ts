import type { AgentRuntime, RuntimeEvent } from '@axon/core';
import type { RouteContext } from '../http/router.js';
import { SseStream } from '../http/sse.js';

// A client this far behind is dropped rather than buffered without bound.
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

function typeFilter(spec: string | null): ((e: RuntimeEvent) => boolean) | undefined {
  if (!spec) return undefined;
  const patterns = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return (e) => patterns.some((p) => (p.endsWith('*') ? e.type.startsWith(p.slice(0, -1)) : e.type === p));
}

/**
 * `GET /api/events`: the runtime's events as server-sent events (`id` = the event's `seq`, `event` = its type).
 * `Last-Event-ID` (or `?lastEventId=`) replays the events after it that the bus history still holds; `?type=task.*,agent.*`
 * filters by type.
 */
export function streamEvents(runtime: AgentRuntime, { req, res, url }: RouteContext): void {
  const filter = typeFilter(url.searchParams.get('type'));
  const lastId = Number(req.headers['last-event-id'] ?? url.searchParams.get('lastEventId') ?? NaN);
  const sse = new SseStream(req, res);
  let lastSent = 0;
  const send = (e: RuntimeEvent) => {
    if (e.seq <= lastSent || (filter && !filter(e))) return;
    lastSent = e.seq;
    sse.send(e, { id: e.seq, event: e.type });
    if (res.writableLength > MAX_BUFFERED_BYTES) sse.close();
  };
  if (Number.isFinite(lastId)) {
    const history = runtime.bus.history();
    const oldest = history[0]?.seq;
    if (oldest !== undefined && oldest > lastId + 1) sse.send({ missed: oldest - lastId - 1 }, { event: 'gap' });
    for (const e of history) if (e.seq > lastId) send(e);
  } else sse.comment('connected');
  const unsubscribe = runtime.subscribe(send);
  sse.onClose(unsubscribe);
}
