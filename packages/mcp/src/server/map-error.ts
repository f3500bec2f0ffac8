import { ErrorCode, McpError as SdkMcpError } from '@modelcontextprotocol/sdk/types.js';
import { McpError, isMcpError } from '../errors/mcp-error.js';
import type { CallScope } from '../util/call-scope.js';

/** Why a connection ended, as the pool knows it. */
export interface LostConnection {
  /** True when the pool closed it (shutdown, release, eviction). */
  byPool: boolean;
  exitCode: number | null;
  signal: string | null;
  stderrTail: string;
}

/** Turns whatever a call threw into an {@link McpError} that says timeout, cancellation, lost connection, … */
export function mapCallError(
  err: unknown,
  ctx: { scope: CallScope; server: string; key: string; tool: string; lost: LostConnection | undefined },
): McpError {
  if (isMcpError(err)) return err;
  const { scope, server, key, tool, lost } = ctx;
  if (scope.signal.aborted) return scope.error();
  const where = `server "${server}" of "${key}"`;
  if (lost || (err instanceof SdkMcpError && err.code === Number(ErrorCode.ConnectionClosed)) || isNotConnected(err)) {
    if (lost?.byPool)
      return new McpError('MCP_SHUT_DOWN', `${where} was shut down while "${tool}" was pending`, { cause: err });
    const how = lost
      ? lost.signal
        ? `killed by ${lost.signal}`
        : `exited with code ${lost.exitCode}`
      : 'closed its connection';
    return new McpError(
      'MCP_UNAVAILABLE',
      `${where} ${how} while "${tool}" was pending; it is being restarted, retry the call`,
      {
        cause: err,
        data: {
          server,
          key,
          tool,
          exitCode: lost?.exitCode ?? null,
          signal: lost?.signal ?? null,
          stderrTail: lost?.stderrTail ?? '',
        },
      },
    );
  }
  if (err instanceof SdkMcpError) {
    const data = { server, key, tool, rpcCode: err.code };
    if (err.code === Number(ErrorCode.MethodNotFound) || /not found/i.test(err.message)) {
      return new McpError('MCP_UNKNOWN_TOOL', `${where} has no tool "${tool}"`, { cause: err, data });
    }
    if (err.code === Number(ErrorCode.InvalidParams)) {
      const field = fieldOfServerMessage(err.message);
      return new McpError('MCP_INVALID_ARGUMENTS', `invalid arguments for "${tool}": ${err.message}`, {
        cause: err,
        data: { ...data, field },
      });
    }
    return new McpError('MCP_TOOL_ERROR', `"${tool}" on ${where} failed: ${err.message}`, { cause: err, data });
  }
  return new McpError('MCP_TOOL_ERROR', `"${tool}" on ${where} failed: ${String((err as Error)?.message ?? err)}`, {
    cause: err,
    data: { server, key, tool },
  });
}

function isNotConnected(err: unknown): boolean {
  return err instanceof Error && err.message === 'Not connected';
}

// The argument an SDK server names in its InvalidParams message: a zod issue's `"path": [...]`, or "… at a.b[1]".
function fieldOfServerMessage(message: string): string {
  const json = /"path":\s*\[([^\]]*)\]/.exec(message)?.[1];
  if (json !== undefined) return json.replaceAll(/["\s]/g, '').replaceAll(',', '.');
  const at = / at ([A-Za-z0-9_$.[\]-]+)$/.exec(message)?.[1];
  return at === undefined ? '' : at.replaceAll(/\[(\d+)\]/g, '.$1');
}
