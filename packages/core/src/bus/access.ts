/** Topic patterns an agent type may publish on and subscribe to (see `security.bus`). */
export interface BusGrant {
  /** Exact topics, prefixes ending in `*`, or `*`. */
  readonly publish: readonly string[];
  /** Exact topics, prefixes ending in `*`, or `*`. */
  readonly subscribe: readonly string[];
}

/** A grant as the bridge applies it: `firehose` says whether subscribing to `*` (every topic) is allowed. */
export interface EffectiveBusGrant extends BusGrant {
  readonly firehose: boolean;
}

/**
 * The grant of agents of `type`: their own entry in `grants` (a subscription to `*` allowed only when that entry
 * lists `*`), else `fallback` (which never allows a subscription to `*`).
 */
export function busGrantFor(
  type: string,
  grants: Readonly<Record<string, BusGrant>>,
  fallback: BusGrant,
): EffectiveBusGrant {
  const own = Object.prototype.hasOwnProperty.call(grants, type) ? grants[type] : undefined;
  if (own) return { ...own, firehose: own.subscribe.includes('*') };
  return { ...fallback, firehose: false };
}

function covers(pattern: string, topic: string): boolean {
  return pattern.endsWith('*') ? topic.startsWith(pattern.slice(0, -1)) : pattern === topic;
}

/** Whether `topic` may be published under `grant`. */
export function mayPublish(grant: BusGrant, topic: string): boolean {
  return grant.publish.some((p) => covers(p, topic));
}

/**
 * Whether a subscription to `request` (a topic, a `prefix*` pattern, or `*`) is within `grant`: an exact topic must
 * be matched by a granted pattern; a prefix pattern must be inside a granted prefix; `*` needs `firehose`.
 */
export function maySubscribe(grant: EffectiveBusGrant, request: string): boolean {
  if (request === '*') return grant.firehose;
  if (!request.endsWith('*')) return grant.subscribe.some((p) => covers(p, request));
  const prefix = request.slice(0, -1);
  return grant.subscribe.some((p) => p.endsWith('*') && prefix.startsWith(p.slice(0, -1)));
}
