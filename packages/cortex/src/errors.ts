/** Machine-readable reason of a {@link CortexError}. */
export type CortexErrorCode =
  /** An argument is out of bounds or malformed; `data.field` names it. */
  | 'INVALID_INPUT'
  /** A search query has no text. */
  | 'EMPTY_QUERY'
  /** One or more memory ids do not exist; `data.ids` lists them. */
  | 'NOT_FOUND'
  /** The store was used after `close()`. */
  | 'STORE_CLOSED'
  /** The database could not be opened or migrated. */
  | 'DB_OPEN_FAILED'
  /** better-sqlite3's native addon is missing (install scripts blocked) or built for another Node.js; the message says what to allow. */
  | 'NATIVE_BINDING_MISSING'
  /** The database was written by a newer Cortex (its schema version is unknown here). */
  | 'SCHEMA_TOO_NEW'
  /** A write (store, consolidate) on a database opened read-only; `data.path` and `data.reason` say why. */
  | 'READ_ONLY';

/** Extra facts about a {@link CortexError}. */
export interface CortexErrorData {
  /** The argument at fault, as a dotted path (`content`, `tags.3`). */
  field?: string;
  /** Unknown memory ids, for `NOT_FOUND`. */
  ids?: string[];
  /** Anything else worth reporting. */
  [key: string]: unknown;
}

const BRAND = Symbol.for('@axon/cortex/CortexError');

/** The one error class of @axon/cortex: every failure carries a string `code`, `data` and `cause`. */
export class CortexError extends Error {
  /** Why it failed. */
  readonly code: CortexErrorCode;
  /** Details, such as the field at fault. */
  readonly data: CortexErrorData;

  constructor(code: CortexErrorCode, message: string, options: { data?: CortexErrorData; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CortexError';
    this.code = code;
    this.data = options.data ?? {};
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** True for a {@link CortexError}, even one from another copy of this package (cross-bundle safe). */
export function isCortexError(value: unknown): value is CortexError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
