/**
 * How a tool-call attempt ended. Refusals: `not_allowed` (allowlist/policy), `budget_exceeded`, `access_denied`
 * (another tenant's workspace), `wrong_task` (a task id that is not the running task), `malformed` (params that fail
 * validation), `oversized` (a frame over the line limit), `too_deep` (arguments nested past the depth limit).
 */
export type ToolCallOutcome =
  | 'ok'
  | 'tool_error'
  | 'not_allowed'
  | 'budget_exceeded'
  | 'access_denied'
  | 'wrong_task'
  | 'malformed'
  | 'oversized'
  | 'too_deep'
  | 'failed'
  | 'cancelled';

/** One audited tool-call attempt. */
export interface ToolCallAuditRecord {
  /** ISO time the call arrived. */
  timestamp: string;
  /** The agent that made the call. */
  agentId: string;
  /** The running task it was counted against (`''` when the agent had no task running). */
  taskId: string;
  /** Tool name as the agent asked for it (`''` when the frame could not be read). */
  tool: string;
  /** `sha256:<hex>` of the canonical JSON of the arguments (never the arguments themselves); `''` when unreadable. */
  argsDigest: string;
  /** Time from arrival to answer, ms. */
  durationMs: number;
  /** How it ended. */
  outcome: ToolCallOutcome;
  /** The error code, when refused or failed. */
  errorCode?: string;
  /** What was wrong, for refusals the arguments could not describe (at most 200 characters). */
  detail?: string;
  /** The task id the agent named, when it was not the running task. */
  claimedTaskId?: string;
}
