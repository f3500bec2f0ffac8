/**
 * The most tasks one agent may declare it runs at once (`concurrency` in the `initialize` result). Kept apart from
 * the zod schemas so that the SDK and the peer's guards read it without loading zod.
 */
export const MAX_AGENT_CONCURRENCY = 1024;
