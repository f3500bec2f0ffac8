import { RpcError } from '@axon/agent';
import { context, type Context } from '@opentelemetry/api';
import { finishSpan, startToolSpan } from './telemetry.js';
import { nestsDeeperThan } from '../access/depth.js';
import { pinWorkspace } from '../access/workspace.js';
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
  /** Refused attempts the task may make; the next one ends it (`onRefusalLimit`). */
  maxRefused: number;
  /** Deepest nesting of a call's arguments. */
  maxArgumentDepth: number;
  /** The Cortex workspace the task's memory calls are pinned to; `undefined` = not pinned. */
  workspaceId: string | undefined;
  pool: ExecutorMcpPool;
  /** The signal aborted when the task ends: cancels in-flight calls. */
  endSignal: () => AbortSignal;
  /** ms left before the task's deadline. */
  remainingMs: () => number;
  audit: (record: ToolCallAuditRecord) => void;
  /** Called once, when the refused attempts pass `maxRefused`. */
  onRefusalLimit: () => void;
  /** The trace context of the task's attempt (tool call spans are its children). Default: the active context. */
  trace?: Context;
}

/** A refusal: its audit outcome, wire code and string code. */
interface Refusal {
  outcome: ToolCallOutcome;
  rpc: number;
  code: string;
  message: string;
  data?: Record<string, unknown>;
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

const DETAIL_CHARS = 200;
// A call's own timeout runs this much past the task's deadline: at the deadline the task ends and cancels its calls
// (outcome `cancelled`). Without the slack the call's timer, armed later from the event loop's cached clock, could
// fire first under load and report the same ending as a failed call.
const DEADLINE_SLACK_MS = 1_000;

/**
 * Serves one task's `tools/list` and `tools/call`: checks the arguments' depth, the allowlist, the workspace and the
 * budget, routes through the MCP pool, and audits every attempt, refused ones included (also frames the peer
 * rejected, see {@link ToolGate.refuseFrame}). Refused attempts past `maxRefused` end the task: a flood of refusals
 * costs the agent its task, and is audited only up to the allowance.
 */
export class ToolGate {
  /** Every `tools/call` attempt the agent made (refused and rejected frames included). */
  calls = 0;
  /** Attempts refused. */
  refused = 0;
  /** Refused attempts past the allowance: answered, counted, not audited one by one. */
  suppressed = 0;
  #served = 0;

  constructor(private readonly o: ToolGateOptions) {}

  /**
   * `tools/list`: the pool's tools this task may call, and the servers that could not be listed (`unavailable`).
   * Fails with `MCP_UNAVAILABLE` only when no server answered.
   */
  async list(params: { taskId: string }): Promise<{ tools: ToolInfoLike[]; unavailable?: ToolServerFailureLike[] }> {
    if (params.taskId !== this.o.taskId) throw this.refuseWrongTask(params.taskId, '');
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

  /** `tools/call`: refused (see the class), else routed and answered. */
  async call(
    params: { taskId: string; name: string; arguments?: Record<string, unknown> },
    ctx: { signal: AbortSignal },
  ): Promise<ToolResultLike> {
    if (params.taskId !== this.o.taskId) throw this.refuseWrongTask(params.taskId, params.name);
    const started = performance.now();
    const timestamp = new Date().toISOString();
    const tool = params.name;
    this.calls += 1;
    if (nestsDeeperThan(params.arguments, this.o.maxArgumentDepth)) {
      throw this.#refuse(
        { timestamp, tool, argsDigest: '' },
        {
          outcome: 'too_deep',
          rpc: RPC.INVALID_PARAMS,
          code: 'INVALID_PARAMS',
          message: `arguments: nested deeper than ${this.o.maxArgumentDepth} levels`,
          data: { field: 'arguments', maxDepth: this.o.maxArgumentDepth },
        },
      );
    }
    const base = { timestamp, tool, argsDigest: digestArguments(params.arguments) };
    if (!isToolAllowed(this.o.access, tool)) {
      throw this.#refuse(base, {
        outcome: 'not_allowed',
        rpc: RPC.TOOL_NOT_ALLOWED,
        code: 'TOOL_NOT_ALLOWED',
        message: `tool "${tool}" is not allowed for task ${this.o.taskId}`,
        data: { tool },
      });
    }
    const pinned = pinWorkspace(tool, params.arguments, this.o.workspaceId, this.o.agentId);
    if (!pinned.ok) {
      throw this.#refuse(base, {
        outcome: 'access_denied',
        rpc: RPC.ACCESS_DENIED,
        code: 'ACCESS_DENIED',
        message: `arguments.workspaceId: task ${this.o.taskId} may only use Cortex workspace "${this.o.workspaceId}", not ${JSON.stringify(pinned.named)}`,
        data: { field: 'arguments.workspaceId', tool },
      });
    }
    if (this.#served >= this.o.budget) {
      throw this.#refuse(base, {
        outcome: 'budget_exceeded',
        rpc: RPC.TOOL_BUDGET_EXCEEDED,
        code: 'TOOL_BUDGET_EXCEEDED',
        message: `task ${this.o.taskId} used its budget of ${this.o.budget} tool calls`,
        data: { budget: this.o.budget },
      });
    }
    this.#served += 1;
    const trace = startToolSpan(this.o.trace ?? context.active(), tool, this.o.agentId);
    const audit = (outcome: ToolCallOutcome, errorCode?: string): void => {
      trace.span.setAttribute('axon.tool.outcome', outcome);
      finishSpan(trace.span, errorCode);
      this.#audit({
        ...base,
        durationMs: performance.now() - started,
        outcome,
        ...(errorCode && { errorCode }),
      });
    };
    const end = this.o.endSignal();
    try {
      const result = await context.with(trace.ctx, () =>
        this.o.pool.callTool(
          this.o.agentId,
          { name: tool, ...(pinned.args && { arguments: pinned.args }) },
          {
            signal: AbortSignal.any([ctx.signal, end]),
            timeout: Math.max(1, this.o.remainingMs()) + DEADLINE_SLACK_MS,
          },
        ),
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
      throw new RpcError(rpc, `tool "${tool}" failed: ${(e as Error).message}`, {
        code: name,
        tool,
        cause: code,
        ...(typeof data?.['server'] === 'string' && { server: data['server'] }),
        ...(field !== undefined && { field, issues: [{ path: field, message: (e as Error).message }] }),
      });
    }
  }

  /** A call naming another task's id while this task runs: refused, audited and counted against this task. */
  refuseWrongTask(claimedTaskId: string, tool: string): RpcError {
    this.calls += 1;
    return this.#refuse(
      { timestamp: new Date().toISOString(), tool, argsDigest: '', claimedTaskId },
      {
        outcome: 'wrong_task',
        rpc: RPC.INVALID_PARAMS,
        code: 'INVALID_PARAMS',
        message: `taskId: ${claimedTaskId} is not a task running on this agent`,
        data: { field: 'taskId' },
      },
    );
  }

  /** A frame the agent's peer rejected while this task ran (malformed params, over the line limit): audited, counted. */
  refuseFrame(outcome: 'malformed' | 'oversized', message: string): void {
    this.calls += 1;
    this.#refuse(
      { timestamp: new Date().toISOString(), tool: '', argsDigest: '' },
      {
        outcome,
        rpc: RPC.INVALID_PARAMS,
        code: outcome === 'oversized' ? 'FRAME_TOO_LARGE' : 'INVALID_PARAMS',
        message,
      },
    );
  }

  #refuse(
    base: Pick<ToolCallAuditRecord, 'timestamp' | 'tool' | 'argsDigest' | 'claimedTaskId'>,
    r: Refusal,
  ): RpcError {
    this.refused += 1;
    if (this.refused <= this.o.maxRefused + 1) {
      this.#audit({
        ...base,
        durationMs: 0,
        outcome: r.outcome,
        errorCode: r.code,
        ...(r.outcome !== 'budget_exceeded' &&
          r.outcome !== 'not_allowed' && { detail: r.message.slice(0, DETAIL_CHARS) }),
      });
    } else {
      this.suppressed += 1;
    }
    if (this.refused === this.o.maxRefused + 1) this.o.onRefusalLimit();
    return new RpcError(r.rpc, r.message, { code: r.code, ...r.data });
  }

  #audit(r: Omit<ToolCallAuditRecord, 'agentId' | 'taskId'>): void {
    this.o.audit({ agentId: this.o.agentId, taskId: this.o.taskId, ...r });
  }
}

// The `tools/call` param at fault: `arguments.<path>` for bad arguments, `name` for an unknown tool or server.
function fieldOfCall(code: unknown, data: Record<string, unknown> | undefined): string {
  if (code === 'MCP_UNKNOWN_TOOL') return 'name';
  const field = typeof data?.['field'] === 'string' ? data['field'] : '';
  return field ? `arguments.${field}` : 'arguments';
}
