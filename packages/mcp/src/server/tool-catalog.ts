import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';

/** A tool as the pool lists it. */
export interface McpToolInfo {
  /** The name to call it by (`server__tool` for extra servers). */
  name: string;
  /** What it does, as the server says. */
  description?: string;
  /** JSON Schema of its arguments. */
  inputSchema: Record<string, unknown>;
  /** JSON Schema of its `structuredContent`, if declared. */
  outputSchema?: Record<string, unknown>;
}

/** One server's tools, with a compiled validator of each tool's arguments. */
export interface ToolCatalog {
  tools: McpToolInfo[];
  validators: Map<string, JsonSchemaValidator<unknown>>;
}

let ajv: AjvJsonSchemaValidator | undefined;

/** Lists every page of a server's tools (following `nextCursor`) and compiles their input schemas. */
export async function loadToolCatalog(client: Client, signal?: AbortSignal): Promise<ToolCatalog> {
  const tools: McpToolInfo[] = [];
  let cursor: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor }, { signal, timeout: 2 ** 31 - 1 });
    for (const t of page.tools) {
      tools.push({
        name: t.name,
        ...(t.description === undefined ? {} : { description: t.description }),
        inputSchema: t.inputSchema,
        ...(t.outputSchema === undefined ? {} : { outputSchema: t.outputSchema }),
      });
    }
    cursor = page.nextCursor;
    // A server that repeats a cursor would loop forever; stop instead.
    if (cursor !== undefined && seen.has(cursor)) break;
    if (cursor !== undefined) seen.add(cursor);
  } while (cursor !== undefined);
  ajv ??= new AjvJsonSchemaValidator();
  const validators = new Map<string, JsonSchemaValidator<unknown>>();
  for (const t of tools) {
    try {
      validators.set(t.name, ajv.getValidator(t.inputSchema));
    } catch {
      /* a schema ajv cannot compile is left to the server to check */
    }
  }
  return { tools, validators };
}
