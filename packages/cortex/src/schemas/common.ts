import { z } from 'zod';
import { LIMITS } from '../limits.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses a string with a lone UTF-16 surrogate: SQLite stores UTF-8, where it would silently become U+FFFD, so
 * the memory would not be stored as given.
 */
export function wellFormed(field: string) {
  return (s: string, ctx: z.RefinementCtx): void => {
    const m = LONE_SURROGATE.exec(s);
    if (!m) return;
    const unit = m[0].charCodeAt(0).toString(16).toUpperCase();
    ctx.addIssue({
      code: 'custom',
      message: `${field} holds a lone surrogate (U+${unit} at index ${m.index}), which is not valid Unicode and cannot be stored exactly`,
    });
  };
}

/** A bounded identifier-like string (kind, workspace, session or agent id). */
export function idString(field: string) {
  return z
    .string({ error: `${field} must be a string` })
    .min(1, `${field} must not be empty`)
    .max(LIMITS.idChars, `${field} must be at most ${LIMITS.idChars} characters`)
    .superRefine(wellFormed(field));
}

/** One tag: 1–64 characters. */
export const TagSchema = z
  .string({ error: 'tags must be strings' })
  .min(1, 'tags must not be empty strings')
  .max(LIMITS.tagChars, `tags must be at most ${LIMITS.tagChars} characters each`)
  .superRefine(wellFormed('tags'));

/** A list of at most 32 tags. */
export const TagsSchema = z.array(TagSchema).max(LIMITS.tags, `tags must hold at most ${LIMITS.tags} entries`);

/** Importance of a memory, 0 (trivial) to 1 (critical). */
export const ImportanceSchema = z
  .number({ error: 'importance must be a number' })
  .min(0, 'importance must be between 0 and 1')
  .max(1, 'importance must be between 0 and 1');

/** A point in time: ISO 8601 string or epoch milliseconds. */
export const InstantSchema = z.union([
  z.iso.datetime({ offset: true, error: 'since must be an ISO 8601 date-time or epoch milliseconds' }),
  z.number().int().nonnegative(),
]);

/** A memory as returned by `cortex_retrieve`. */
export const MemorySchema = z.object({
  id: z.string(),
  content: z.string(),
  kind: z.string(),
  tags: z.array(z.string()),
  importance: z.number(),
  workspaceId: z.string().nullable(),
  sessionId: z.string().nullable(),
  agentId: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  accessedAt: z.string().nullable(),
  accessCount: z.number().int(),
  archived: z.boolean(),
  mergedInto: z.string().nullable(),
  absorbed: z.array(z.string()),
});

/** A whole memory, with its links and counters. */
export type Memory = z.infer<typeof MemorySchema>;
