import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { idString, InstantSchema, TagsSchema, wellFormed } from './common.js';

/** Arguments of `cortex_search`. */
export const SearchInputSchema = z.object({
  query: z
    .string({ error: 'query must be a string' })
    .max(LIMITS.queryChars, `query must be at most ${LIMITS.queryChars} characters`)
    .refine((s) => s.trim().length > 0, 'query must not be empty')
    .superRefine(wellFormed('query'))
    .describe('Free text; any text is valid, operators are not interpreted'),
  limit: z
    .number({ error: 'limit must be a number' })
    .int('limit must be an integer')
    .min(1, 'limit must be at least 1')
    .max(LIMITS.maxLimit, `limit must be at most ${LIMITS.maxLimit}`)
    .optional()
    .describe(`Most results, default ${LIMITS.defaultLimit}`),
  kinds: z
    .array(idString('kinds'))
    .max(LIMITS.tags, `kinds must hold at most ${LIMITS.tags} entries`)
    .optional()
    .describe('Only memories of one of these kinds'),
  tags: TagsSchema.optional().describe('Only memories carrying every one of these tags'),
  workspaceId: idString('workspaceId').optional(),
  sessionId: idString('sessionId').optional(),
  since: InstantSchema.optional().describe('Only memories stored (or re-stored) at or after this time'),
});

/** Arguments of `cortex_search`. */
export type SearchInput = z.infer<typeof SearchInputSchema>;

/** One ranked hit. */
export const SearchHitSchema = z.object({
  id: z.string(),
  snippet: z.string().describe('Matching excerpt, matched terms wrapped in **'),
  score: z.number().describe('Combined relevance, recency and importance, 0..1, higher is better'),
  kind: z.string(),
  tags: z.array(z.string()),
  importance: z.number(),
  workspaceId: z.string().nullable(),
  sessionId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** One ranked hit. */
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** Result of `cortex_search`. */
export const SearchOutputSchema = z.object({
  results: z.array(SearchHitSchema),
  terms: z.array(z.string()).describe('The search terms used, after tokenizing the query'),
});

/** Result of `cortex_search`. */
export type SearchOutput = z.infer<typeof SearchOutputSchema>;
