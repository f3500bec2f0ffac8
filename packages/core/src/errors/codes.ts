import type { ExecutorErrorCode } from '@axon/executor';
import { EXECUTOR_ERROR_CODES as LOWER_EXECUTOR_CODES } from '@axon/executor';
import type { McpErrorCode } from '@axon/mcp';
import type { ProcessErrorCode } from '@axon/process';

/** Codes raised by @axon/process (`ProcessError`), re-exported so users match on `RuntimeError` alone. */
export const PROCESS_ERROR_CODES = [
  'SPAWN_FAILED',
  'TIMEOUT',
  'RESOURCE_LIMIT_EXCEEDED',
  'AGENT_NOT_FOUND',
  'INVALID_SPEC',
  'CAPACITY_EXCEEDED',
  'AGENT_CRASHED',
  'HEARTBEAT_TIMEOUT',
  'ILLEGAL_TRANSITION',
  'INVALID_CONFIG',
  'SHUTTING_DOWN',
  'SANDBOX_UNAVAILABLE',
] as const;

/** Codes raised by @axon/mcp (`McpError`). */
export const MCP_ERROR_CODES = [
  'MCP_START_FAILED',
  'MCP_TIMEOUT',
  'MCP_CANCELLED',
  'MCP_UNAVAILABLE',
  'MCP_UNKNOWN_TOOL',
  'MCP_TOOL_ERROR',
  'MCP_INVALID_ARGUMENTS',
  'MCP_SHUT_DOWN',
] as const;

/** Codes raised by @axon/executor and the agent protocol (task failures as the agent or executor reports them). */
export const EXECUTOR_ERROR_CODES = [...LOWER_EXECUTOR_CODES, 'TOOL_FAILED'] as const;

/** Codes that only @axon/core raises. */
export const CORE_ERROR_CODES = [
  'INVALID_CONFIG',
  'NOT_STARTED',
  'SHUTTING_DOWN',
  'NO_CAPABLE_AGENT',
  'BREAKER_OPEN',
  'HEARTBEAT_TIMEOUT',
  'INVALID_ARGUMENT',
  'INTERNAL',
] as const;

/** Every code a {@link RuntimeError} can carry: core's own plus those of the layers below. */
export const RUNTIME_ERROR_CODES = [
  ...new Set([...CORE_ERROR_CODES, ...PROCESS_ERROR_CODES, ...MCP_ERROR_CODES, ...EXECUTOR_ERROR_CODES]),
] as RuntimeErrorCode[];

/** A {@link RuntimeError} code. */
export type RuntimeErrorCode =
  | (typeof CORE_ERROR_CODES)[number]
  | (typeof PROCESS_ERROR_CODES)[number]
  | (typeof MCP_ERROR_CODES)[number]
  | (typeof EXECUTOR_ERROR_CODES)[number];

/** Which layer first raised an error. */
export type ErrorLayer = 'core' | 'process' | 'mcp' | 'executor' | 'agent' | 'unknown';

// Compile-time guards: a code added below without being listed here fails the typecheck.
type Missing<Lower extends string, Listed extends string> = Exclude<Lower, Listed>;
const _processCodesListed: [Missing<ProcessErrorCode, (typeof PROCESS_ERROR_CODES)[number]>] extends [never]
  ? true
  : never = true;
const _mcpCodesListed: [Missing<McpErrorCode, (typeof MCP_ERROR_CODES)[number]>] extends [never] ? true : never = true;
const _executorCodesListed: [Missing<ExecutorErrorCode, (typeof EXECUTOR_ERROR_CODES)[number]>] extends [never]
  ? true
  : never = true;
void [_processCodesListed, _mcpCodesListed, _executorCodesListed];
