/** Hard bounds on tool arguments; inputs past them are rejected with an error naming the field. */
export const LIMITS = {
  /** Longest memory content, in characters. */
  contentChars: 100_000,
  /** Longest search query, in characters. */
  queryChars: 2_000,
  /** Most search terms used from one query (the rest are ignored). */
  queryTerms: 32,
  /** Default number of search results. */
  defaultLimit: 10,
  /** Largest `limit` a search accepts. */
  maxLimit: 100,
  /** Most tags on one memory or in one filter. */
  tags: 32,
  /** Longest tag, in characters. */
  tagChars: 64,
  /** Longest kind, workspace, session or agent id, in characters. */
  idChars: 256,
  /** Largest `metadata` object, in characters of its JSON. */
  metadataChars: 16_384,
  /** Most ids in one `cortex_retrieve`. */
  retrieveIds: 100,
} as const;
