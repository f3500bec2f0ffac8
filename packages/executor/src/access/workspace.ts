/** The Cortex tools whose memories belong to a workspace (the embedded Cortex's tool names). */
export const CORTEX_WORKSPACE_TOOLS: ReadonlySet<string> = new Set([
  'cortex_store',
  'cortex_search',
  'cortex_retrieve',
  'cortex_consolidate',
]);

/** The arguments to send, or why the call is refused. */
export type WorkspaceDecision = { ok: true; args: Record<string, unknown> | undefined } | { ok: false; named: unknown };

/**
 * Pins a Cortex tool call to the workspace the runtime chose for the task: a call that names another `workspaceId`
 * is refused; otherwise `workspaceId` is set to `workspaceId` (so a call that names none cannot reach every
 * workspace), and a `cortex_store` is stamped with the real `agentId`. Other tools pass unchanged.
 */
export function pinWorkspace(
  tool: string,
  args: Record<string, unknown> | undefined,
  workspaceId: string | undefined,
  agentId: string,
): WorkspaceDecision {
  if (workspaceId === undefined || !CORTEX_WORKSPACE_TOOLS.has(tool)) return { ok: true, args };
  const named = args?.workspaceId;
  if (named !== undefined && named !== workspaceId) return { ok: false, named };
  return {
    ok: true,
    args: { ...args, workspaceId, ...(tool === 'cortex_store' && { agentId }) },
  };
}
