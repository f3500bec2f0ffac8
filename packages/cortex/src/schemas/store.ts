import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { idString, ImportanceSchema, TagsSchema, wellFormed } from './common.js';

/** Arguments of `cortex_store`. */
export const StoreInputSchema = z.object({
  content: z
    .string({ error: 'content must be a string' })
    .max(LIMITS.contentChars, `content must be at most ${LIMITS.contentChars} characters`)
    .refine((s) => s.trim().length > 0, 'content must not be empty')
    .superRefine(wellFormed('content')),
  kind: idString('kind').optional().describe('What sort of memory: fact, decision, observation, … (default "note")'),
  tags: TagsSchema.optional(),
  importance: ImportanceSchema.optional().describe('0 (trivial) to 1 (critical), default 0.5'),
  workspaceId: idString('workspaceId').optional().describe('Dedupe and search scope'),
  sessionId: idString('sessionId').optional(),
  agentId: idString('agentId').optional(),
  metadata: z
    .record(z.string(), z.unknown(), { error: 'metadata must be an object' })
    .refine(
      (m) => JSON.stringify(m).length <= LIMITS.metadataChars,
      `metadata must be at most ${LIMITS.metadataChars} characters as JSON`,
    )
    .optional(),
});

/** Arguments of `cortex_store`. */
export type StoreInput = z.infer<typeof StoreInputSchema>;

/** Result of `cortex_store`. */
export const StoreOutputSchema = z.object({
  id: z.string().describe('Id of the stored memory, or of the existing one with the same content'),
  deduplicated: z.boolean().describe('True when identical content already existed in this workspace'),
});

/** Result of `cortex_store`. */
export type StoreOutput = z.infer<typeof StoreOutputSchema>;
