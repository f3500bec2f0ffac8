/** How a tool call ended. */
export type ToolCallOutcome = 'ok' | 'tool_error' | 'not_allowed' | 'budget_exceeded' | 'failed' | 'cancelled';

/** One audited tool call. */
export interface ToolCallAuditRecord {
  /** ISO time the call arrived. */
  timestamp: string;
  /** The agent that made the call. */
  agentId: string;
  /** The task it was made for. */
  taskId: string;
  /** Tool name as the agent asked for it. */
  tool: string;
  /** `sha256:<hex>` of the canonical JSON of the arguments (never the arguments themselves). */
  argsDigest: string;
  /** Time from arrival to answer, ms. */
  durationMs: number;
  /** How it ended. */
  outcome: ToolCallOutcome;
  /** The error code, when refused or failed. */
  errorCode?: string;
}
