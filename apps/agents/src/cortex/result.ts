/** The result of `ctx.tools.call`: the MCP `CallToolResult` shape. */
export interface ToolResult {
  content: unknown[];
  structuredContent?: unknown;
  isError?: boolean;
}

/** Calls a tool by name with arguments (`ctx.tools.call` of runAgent). */
export type CallTool = (name: string, args: Record<string, unknown>) => Promise<ToolResult>;

/** The text of a result's content blocks, joined by newlines. */
export function resultText(result: ToolResult): string {
  return result.content
    .map((block) => (typeof block === 'object' && block !== null && 'text' in block ? String(block.text) : ''))
    .filter((t) => t.length > 0)
    .join('\n');
}

/**
 * The JSON value a tool answered: `structuredContent` when present, else the first text block parsed as JSON.
 * Throws naming the tool when the tool reported an error.
 */
export function resultJson(tool: string, result: ToolResult): unknown {
  if (result.isError) throw new Error(`${tool} failed: ${resultText(result) || 'no details'}`);
  if (result.structuredContent !== undefined) return result.structuredContent;
  const text = resultText(result);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
