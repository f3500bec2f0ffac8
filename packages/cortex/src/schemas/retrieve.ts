import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { idString, MemorySchema } from './common.js';

/** Arguments of `cortex_retrieve`: exactly one of `id` or `ids`. */
export const RetrieveInputSchema = z
  .object({
    id: idString('id').optional(),
    ids: z
      .array(idString('ids'))
      .min(1, 'ids must not be empty')
      .max(LIMITS.retrieveIds, `ids must hold at most ${LIMITS.retrieveIds} entries`)
      .optional(),
    workspaceId: idString('workspaceId')
      .optional()
      .describe('Only memories of this workspace: an id from another one is reported as unknown'),
  })
  .refine((v) => (v.id === undefined) !== (v.ids === undefined), 'give exactly one of id or ids');

/** Arguments of `cortex_retrieve`. */
export type RetrieveInput = z.infer<typeof RetrieveInputSchema>;

/** Result of `cortex_retrieve`: the memories, in the order asked. */
export const RetrieveOutputSchema = z.object({ memories: z.array(MemorySchema) });

/** Result of `cortex_retrieve`. */
export type RetrieveOutput = z.infer<typeof RetrieveOutputSchema>;
