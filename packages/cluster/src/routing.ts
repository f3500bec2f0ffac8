/** Queue of the tasks that require no capability: every worker host consumes it. */
export const ANY_QUEUE = 'any';

/** Most capabilities of one agent type that get a queue per subset (2^n − 1 queues). */
export const MAX_ROUTED_CAPABILITIES = 6;

/**
 * The BullMQ queue a task goes to: one per set of required capabilities (`cap.<a>+<b>`, sorted), `any` without.
 * Capability names are escaped so that any string routes unambiguously.
 */
export function queueFor(requiredCapabilities: readonly string[]): string {
  const caps = [...new Set(requiredCapabilities)].sort();
  return caps.length === 0 ? ANY_QUEUE : `cap.${caps.map(encodeURIComponent).join('+')}`;
}

/**
 * The queues a host with these agent types' capabilities consumes: `any` and one per non-empty subset of each
 * type's capabilities (a type with more than {@link MAX_ROUTED_CAPABILITIES} gets its first ones' subsets, and the full set).
 */
export function queuesServed(typeCapabilities: ReadonlyArray<readonly string[]>): string[] {
  const out = new Set<string>([ANY_QUEUE]);
  for (const capsIn of typeCapabilities) {
    const caps = [...new Set(capsIn)].sort();
    const head = caps.slice(0, MAX_ROUTED_CAPABILITIES);
    for (let mask = 1; mask < 1 << head.length; mask++) out.add(queueFor(head.filter((_, i) => mask & (1 << i))));
    if (caps.length > 0) out.add(queueFor(caps));
  }
  return [...out];
}

/** BullMQ priority (1 = most urgent) of an Axon priority (10 = most urgent). */
export function bullPriority(priority: number): number {
  return 11 - priority;
}
