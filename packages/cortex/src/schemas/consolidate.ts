import { z } from 'zod';
import { idString } from './common.js';

/** Arguments of `cortex_consolidate`. */
export const ConsolidateInputSchema = z.object({
  dryRun: z.boolean().optional().describe('Report what would change without changing anything (default false)'),
  workspaceId: idString('workspaceId').optional().describe('Only this workspace (default: every workspace)'),
  similarity: z
    .number({ error: 'similarity must be a number' })
    .min(0.5, 'similarity must be between 0.5 and 1')
    .max(1, 'similarity must be between 0.5 and 1')
    .optional()
    .describe('Token-set Jaccard similarity at or above which two memories are merged (default 0.8)'),
  halfLifeDays: z
    .number({ error: 'halfLifeDays must be a number' })
    .min(1, 'halfLifeDays must be between 1 and 3650')
    .max(3650, 'halfLifeDays must be between 1 and 3650')
    .optional()
    .describe('Days of disuse that halve the importance of a never-retrieved memory (default 90)'),
  archiveBelow: z
    .number({ error: 'archiveBelow must be a number' })
    .min(0, 'archiveBelow must be between 0 and 1')
    .max(1, 'archiveBelow must be between 0 and 1')
    .optional()
    .describe('Archive memories whose importance falls below this (default 0.05)'),
});

/** Arguments of `cortex_consolidate`. */
export type ConsolidateInput = z.infer<typeof ConsolidateInputSchema>;

/** Result of `cortex_consolidate`. */
export const ConsolidateOutputSchema = z.object({
  merged: z.number().int().describe('Memories absorbed into a survivor'),
  archived: z.number().int().describe('Memories archived for low importance'),
  decayed: z.number().int().describe('Memories whose importance was lowered'),
  dryRun: z.boolean(),
  merges: z
    .array(z.object({ survivorId: z.string(), absorbedIds: z.array(z.string()) }))
    .describe('Each merge (first 100)'),
  archivedIds: z.array(z.string()).describe('Archived ids (first 100)'),
});

/** Result of `cortex_consolidate`. */
export type ConsolidateOutput = z.infer<typeof ConsolidateOutputSchema>;
