import { RpcError } from '@axon/agent';
import { digestArguments } from '../audit/digest.js';
import type { ToolCallAuditRecord, ToolCallOutcome } from '../audit/record.js';
import type { ExecutorMcpPool, ToolInfoLike, ToolListLike, ToolResultLike, ToolServerFailureLike } from './deps.js';
import { RPC } from './rpc.js';
import { isToolAllowed, type ToolAccess } from './tool-policy.js';

/** What a {@link ToolGate} needs to know about its task. */
export interface ToolGateOptions {
  agentId: string;
  taskId: string;
  access: ToolAccess;
  /** Most calls served (refused calls do not use the budget). */
  budget: number;
  pool: ExecutorMcpPool;
  /** The signal aborted when the task ends: cancels in-flight calls. */
  endSignal: () => AbortSignal;
  /** ms left before the task's deadline. */
  remainingMs: () => number;
  audit: (record: ToolCallAuditRecord) => void;
}

// McpError codes of @axon/mcp → AAP wire codes.
const MCP_TO_RPC: Record<string, [number, string, ToolCallOutcome]> = {
  MCP_UNAVAILABLE: [RPC.MCP_UNAVAILABLE, 'MCP_UNAVAILABLE', 'failed'],
  MCP_START_FAILED: [RPC.MCP_UNAVAILABLE, 'MCP_UNAVAILABLE', 'failed'],
  MCP_SHUT_DOWN: [RPC.MCP_UNAVAILABLE, 'MCP_UNAVAILABLE', 'failed'],
  MCP_TIMEOUT: [RPC.TIMEOUT, 'TIMEOUT', 'failed'],
  MCP_CANCELLED: [RPC.CANCELLED, 'CANCELLED', 'cancelled'],
  MCP_INVALID_ARGUMENTS: [RPC.INVALID_PARAMS, 'INVALID_PARAMS', 'failed'],
  MCP_UNKNOWN_TOOL: [RPC.INVALID_PARAMS, 'INVALID_PARAMS', 'failed'],
};

/**
 * Serves one task's `tools/list` and `tools/call`: checks the allowlist and the budget, routes through the
 * MCP pool, audits every call and counts them.
 */
export class ToolGate {
  /** Every `tools/call` the agent made. */
  calls = 0;
  /** Calls refused (not allowed or over budget). */
  refused = 0;
  #served = 0;

  constructor(private readonly o: ToolGateOptions) {}

  /**
   * `tools/list`: the pool's tools this task may call, and the servers that could not be listed (`unavailable`).
   * Fails with `MCP_UNAVAILABLE` only when no server answered.
   */
  async list(params: { taskId: string }): Promise<{ tools: ToolInfoLike[]; unavailable?: ToolServerFailureLike[] }> {
    this.#checkTask(params.taskId);
    let list: ToolListLike;
    try {
      list = await this.o.pool.listTools(this.o.agentId);
    } catch (e) {
      throw new RpcError(RPC.MCP_UNAVAILABLE, `tools are unavailable: ${(e as Error).message}`, {
        code: 'MCP_UNAVAILABLE',
      });
    }
    const unavailable = list.errors.map(({ server, code, message }) => ({ server, code, message }));
    if (list.tools.length === 0 && unavailable.length > 0) {
      throw new RpcError(
        RPC.MCP_UNAVAILABLE,
        `tools are unavailable: ${unavailable.map((u) => u.message).join('; ')}`,
        { code: 'MCP_UNAVAILABLE', unavailable },
      );
    }
    const tools = list.tools.filter((t) => isToolAllowed(this.o.access, t.name));
    return unavailable.length > 0 ? { tools, unavailable } : { tools };
  }

  /** `tools/call`: refused with `TOOL_NOT_ALLOWED` / `TOOL_BUDGET_EXCEEDED`, else routed and answered. */
  async call(
    params: { taskId: string; name: string; arguments?: Record<string, unknown> },
    ctx: { signal: AbortSignal },
  ): Promise<ToolResultLike> {
    this.#checkTask(params.taskId);
    const started = performance.now();
    const base = {
      agentId: this.o.agentId,
      taskId: this.o.taskId,
      tool: params.name,
      argsDigest: digestArguments(params.arguments),
    };
    const timestamp = new Date().toISOString();
    const audit = (outcome: ToolCallOutcome, errorCode?: string): void =>
      this.o.audit({
        timestamp,
        ...base,
        durationMs: performance.now() - started,
        outcome,
        ...(errorCode && { errorCode }),
      });
    this.calls += 1;

    if (!isToolAllowed(this.o.access, params.name)) {
      this.refused += 1;
      audit('not_allowed', 'TOOL_NOT_ALLOWED');
      throw new RpcError(RPC.TOOL_NOT_ALLOWED, `tool "${params.name}" is not allowed for task ${this.o.taskId}`, {
        code: 'TOOL_NOT_ALLOWED',
        tool: params.name,
      });
    }
    if (this.#served >= this.o.budget) {
      this.refused += 1;
      audit('budget_exceeded', 'TOOL_BUDGET_EXCEEDED');
      throw new RpcError(
        RPC.TOOL_BUDGET_EXCEEDED,
        `task ${this.o.taskId} used its budget of ${this.o.budget} tool calls`,
        {
          code: 'TOOL_BUDGET_EXCEEDED',
          budget: this.o.budget,
        },
      );
    }
    this.#served += 1;
    const end = this.o.endSignal();
    try {
      const result = await this.o.pool.callTool(
        this.o.agentId,
        { name: params.name, ...(params.arguments && { arguments: params.arguments }) },
        { signal: AbortSignal.any([ctx.signal, end]), timeout: Math.max(1, this.o.remainingMs()) },
      );
      audit(result.isError ? 'tool_error' : 'ok');
      return result;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      const [rpc, name, outcome] = (typeof code === 'string' && MCP_TO_RPC[code]) || [
        RPC.TOOL_FAILED,
        'TOOL_FAILED',
        'failed' as const,
      ];
      audit(end.aborted ? 'cancelled' : outcome, typeof code === 'string' ? code : name);
      const data = (e as { data?: Record<string, unknown> }).data;
      const field = rpc === RPC.INVALID_PARAMS ? fieldOfCall(code, data) : undefined;
      throw new RpcError(rpc, `tool "${params.name}" failed: ${(e as Error).message}`, {
        code: name,
        tool: params.name,
        cause: code,
        ...(typeof data?.['server'] === 'string' && { server: data['server'] }),
        ...(field !== undefined && { field, issues: [{ path: field, message: (e as Error).message }] }),
      });
    }
  }

  #checkTask(taskId: string): void {
    if (taskId !== this.o.taskId) {
      throw new RpcError(RPC.INVALID_PARAMS, `taskId: ${taskId} is not the running task (${this.o.taskId})`, {
        field: 'taskId',
      });
    }
  }
}

// The `tools/call` param at fault: `arguments.<path>` for bad arguments, `name` for an unknown tool or server.
function fieldOfCall(code: unknown, data: Record<string, unknown> | undefined): string {
  if (code === 'MCP_UNKNOWN_TOOL') return 'name';
  const field = typeof data?.['field'] === 'string' ? data['field'] : '';
  return field ? `arguments.${field}` : 'arguments';
}
