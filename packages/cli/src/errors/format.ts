import { isRuntimeError } from '@axon/core';
import { isMcpError } from '@axon/mcp';
import { AdminApiError } from '@axon/server';
import { isCliError } from './cli-error.js';

// The commands see CliError, the runtime's RuntimeError, (from `axon cortex`) McpError and (from the serve clients)
// AdminApiError.
function codeOf(error: unknown): string {
  if (error instanceof AdminApiError) return error.code;
  return isCliError(error) || isRuntimeError(error) || isMcpError(error) ? error.code : 'INTERNAL_ERROR';
}

/** The hint shown for errors of the layers below, by code. */
const HINTS: Record<string, string> = {
  MCP_START_FAILED: 'run `axon doctor` to see which Cortex was found, or set AXON_CORTEX_BIN',
  MCP_UNAVAILABLE: 'Cortex stopped answering; run `axon doctor`',
  MCP_TIMEOUT: 'Cortex was too slow; retry, or raise mcp.requestTimeout',
  INVALID_CONFIG: 'run `axon config validate` to see every bad field',
  SPAWN_FAILED: 'check the agent command runs by hand; `axon doctor` lists what works here',
  INVALID_DELEGATION: 'check the task fields against docs/cli.md#workflow-files',
};

/** One line: `axon: <CODE>: <message> (hint: <hint>)`. Newlines in the message are folded; every error has a hint. */
export function formatError(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
  const code = codeOf(error);
  const hint =
    (isCliError(error) ? error.hint : HINTS[code]) ??
    'see docs/cli.md#errors-and-exit-codes; AXON_DEBUG=1 prints the stack';
  return `axon: ${code}: ${message} (hint: ${hint})`;
}
