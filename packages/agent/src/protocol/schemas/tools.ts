import { z } from 'zod';
import { IdSchema, RecordSchema } from './common.js';

/** `tools/list` params (agent → runtime request): the tools available to this task. */
export const ToolsListParamsSchema = z.object({ taskId: IdSchema });
/** `tools/list` params. */
export type ToolsListParams = z.infer<typeof ToolsListParamsSchema>;

/** One tool as listed to an agent. */
export const ToolInfoSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  /** JSON Schema of the tool's arguments. */
  inputSchema: RecordSchema.optional(),
});
/** One tool as listed to an agent. */
export type ToolInfo = z.infer<typeof ToolInfoSchema>;

/** A tool server the runtime could not list (its tools are missing from `tools`). */
export const UnavailableServerSchema = z.object({
  /** The server's name (`cortex` for Cortex, else the prefix of its tools). */
  server: z.string().min(1),
  /** Why, e.g. `MCP_START_FAILED`, `MCP_UNAVAILABLE`, `MCP_TIMEOUT`. */
  code: z.string(),
  /** What went wrong. */
  message: z.string(),
});
/** A tool server the runtime could not list. */
export type UnavailableServer = z.infer<typeof UnavailableServerSchema>;

/** `tools/list` result. */
export const ToolsListResultSchema = z.object({
  tools: z.array(ToolInfoSchema),
  /** Servers whose tools are missing because they are down; absent when every server answered. */
  unavailable: z.array(UnavailableServerSchema).optional(),
});
/** `tools/list` result. */
export type ToolsListResult = z.infer<typeof ToolsListResultSchema>;

/** `tools/call` params (agent → runtime request). */
export const ToolsCallParamsSchema = z.object({
  taskId: IdSchema,
  /** Tool name, as listed by `tools/list`. */
  name: z.string().min(1),
  /** Tool arguments (an object). */
  arguments: RecordSchema.optional(),
});
/** `tools/call` params. */
export type ToolsCallParams = z.infer<typeof ToolsCallParamsSchema>;

/** `tools/call` result: the MCP `CallToolResult` shape. */
export const ToolsCallResultSchema = z.object({
  /** MCP content blocks, e.g. `{ type: 'text', text }`. */
  content: z.array(z.unknown()),
  structuredContent: z.unknown().optional(),
  /** True when the tool itself reported an error. Default `false`. */
  isError: z.boolean().default(false),
});
/** `tools/call` result. */
export type ToolsCallResult = z.infer<typeof ToolsCallResultSchema>;
