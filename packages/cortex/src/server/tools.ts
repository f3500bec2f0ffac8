import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isCortexError } from '../errors.js';
import { ConsolidateInputSchema, ConsolidateOutputSchema } from '../schemas/consolidate.js';
import { RetrieveInputSchema, RetrieveOutputSchema } from '../schemas/retrieve.js';
import { SearchInputSchema, SearchOutputSchema } from '../schemas/search.js';
import { StoreInputSchema, StoreOutputSchema } from '../schemas/store.js';
import type { CortexStore } from '../store/cortex-store.js';

// A tool result: a JSON text block for clients without structured output, and the same object as structuredContent.
function result(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
}

// Store errors become tool errors (isError) naming the code and field; anything else is rethrown to the SDK.
function guard(run: () => Record<string, unknown>): CallToolResult {
  try {
    return result(run());
  } catch (error) {
    if (!isCortexError(error)) throw error;
    return { isError: true, content: [{ type: 'text', text: `${error.code}: ${error.message}` }] };
  }
}

/** Registers cortex_store, cortex_search, cortex_retrieve and cortex_consolidate on `server`. */
export function registerCortexTools(server: McpServer, store: CortexStore): void {
  server.registerTool(
    'cortex_store',
    {
      title: 'Store a memory',
      description:
        'Store a memory (fact, decision, observation, …). Identical content (ignoring case and whitespace) in the ' +
        'same workspace is stored once: the existing id is returned with deduplicated: true.',
      inputSchema: StoreInputSchema,
      outputSchema: StoreOutputSchema,
      annotations: { idempotentHint: true, destructiveHint: false, openWorldHint: false },
    },
    (args) => guard(() => store.store(args)),
  );
  server.registerTool(
    'cortex_search',
    {
      title: 'Search memories',
      description:
        'Full-text search over stored memories, ranked by text relevance (bm25), importance and recency. Any text ' +
        'is a valid query; operators are not interpreted. Archived and merged memories are not returned.',
      inputSchema: SearchInputSchema,
      outputSchema: SearchOutputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) => guard(() => store.search(args)),
  );
  server.registerTool(
    'cortex_retrieve',
    {
      title: 'Retrieve memories',
      description: 'Whole memories by id ({ id } or { ids }), with their links; counts as an access.',
      inputSchema: RetrieveInputSchema,
      outputSchema: RetrieveOutputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    },
    (args) => guard(() => store.retrieve(args)),
  );
  server.registerTool(
    'cortex_consolidate',
    {
      title: 'Consolidate memories',
      description:
        'Merge exact and near-duplicate memories (the survivor keeps links to what it absorbed), decay importance ' +
        'by age and disuse, archive what falls below a threshold. Never deletes. dryRun reports without changing.',
      inputSchema: ConsolidateInputSchema,
      outputSchema: ConsolidateOutputSchema,
      annotations: { destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    (args) => guard(() => store.consolidate(args)),
  );
}
