/** Which events a subscriber wants. Every given field must match; a list matches any of its entries. */
export interface EventFilter {
  /** Event types; `"task.*"` matches a whole category. */
  type?: string | readonly string[];
  /** Only events about this agent (`agentId`, or `from` of a topic message). */
  agentId?: string;
  /** Only events about this task. */
  taskId?: string;
  /** Only topic messages on this topic; a trailing `*` matches a prefix (`"review.*"`). */
  topic?: string;
}

/** A filter object, or any predicate. */
export type EventSelector<E> = EventFilter | ((event: E) => boolean);

function matchesPattern(value: string, pattern: string): boolean {
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern;
}

/** Compiles a selector into a predicate (once per subscription, not per event). */
export function compileSelector<E extends { type: string }>(
  selector: EventSelector<E> | undefined,
): (event: E) => boolean {
  if (selector === undefined) return () => true;
  if (typeof selector === 'function') return selector;
  const types =
    selector.type === undefined ? undefined : typeof selector.type === 'string' ? [selector.type] : [...selector.type];
  const { agentId, taskId, topic } = selector;
  return (event) => {
    const e = event as unknown as Record<string, unknown>;
    if (types && !types.some((t) => matchesPattern(event.type, t))) return false;
    if (agentId !== undefined && e.agentId !== agentId && e.from !== agentId) return false;
    if (taskId !== undefined && e.taskId !== taskId) return false;
    if (topic !== undefined && (typeof e.topic !== 'string' || !matchesPattern(e.topic, topic))) return false;
    return true;
  };
}
