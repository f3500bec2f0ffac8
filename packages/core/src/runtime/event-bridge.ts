import type { AgentExecutor } from '@axon/executor';
import type { McpServerPool } from '@axon/mcp';
import type { ProcessManager } from '@axon/process';
import type { MessageBus } from '../bus/message-bus.js';
import type { RuntimeConfig } from '../config/schema.js';
import type { AgentRecord } from './agent-record.js';

type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
// The process layer records an agent's `log` notifications as "[level] message"; plain stderr lines have no level.
const LOG_LINE = /^\[(debug|info|warn|error)\] /;

/** What the bridge needs from the runtime. */
export interface EventBridgeContext {
  bus: MessageBus;
  config: RuntimeConfig;
  processManager: ProcessManager;
  executor: AgentExecutor;
  mcpPool: McpServerPool;
  record(id: string): AgentRecord | undefined;
}

/**
 * Republishes the layers' events on the message bus in the runtime's vocabulary (process → `agent.*` (its health events
 * go through the HealthMonitor), executor → `task.*` and `tool.call`, MCP → `recovery.*`). Returns the function that unhooks it.
 */
export function bridgeLayerEvents(ctx: EventBridgeContext): () => void {
  const { bus, config } = ctx;
  const offProcess = ctx.processManager.subscribe((e) => {
    const rec = ctx.record(e.id);
    if (!rec) return;
    switch (e.type) {
      case 'spawned':
        bus.publish({ type: 'agent.spawned', agentId: e.id, name: rec.name, agentType: rec.type, pid: e.pid });
        break;
      case 'state':
        bus.publish({
          type: 'agent.state',
          agentId: e.id,
          from: e.from,
          to: e.to,
          ...(e.reason !== undefined && { reason: e.reason }),
        });
        break;
      case 'exit':
        bus.publish({ type: 'agent.exited', agentId: e.id, exitCode: e.exitCode, signal: e.signal });
        break;
      case 'log': {
        if (!config.monitoring.enableLogAggregation) break;
        const level = e.level ?? (LOG_LINE.exec(e.line)?.[1] as LogLevel | undefined);
        if (level !== undefined && LEVELS.indexOf(level) < LEVELS.indexOf(config.monitoring.agentLogLevel)) break;
        bus.publish({
          type: 'agent.log',
          agentId: e.id,
          line: e.line,
          ...(level !== undefined && { level }),
          ...(e.data !== undefined && { data: e.data }),
          ...(e.taskId !== undefined && { taskId: e.taskId }),
        });
        break;
      }
      default:
        break;
    }
  });
  const offExecutor = ctx.executor.subscribe((e) => {
    switch (e.type) {
      case 'task-started':
        bus.publish({ type: 'task.started', taskId: e.taskId, agentId: e.agentId, attempt: e.attempt });
        break;
      // Published here, in the executor's order (before the agent's slot is released and given to the next task).
      case 'task-completed':
        bus.publish({
          type: 'task.completed',
          taskId: e.result.task.taskId,
          agentId: e.result.workerId,
          attempt: e.result.attempt,
          durationMs: e.result.durationMs,
          toolCalls: e.result.toolCalls,
        });
        break;
      case 'task-progress':
        bus.publish({
          type: 'task.progress',
          taskId: e.taskId,
          agentId: e.agentId,
          ...(e.progress !== undefined && { progress: e.progress }),
          ...(e.message !== undefined && { message: e.message }),
        });
        break;
      case 'task-checkpoint':
        bus.publish({
          type: 'task.checkpoint',
          taskId: e.taskId,
          agentId: e.agentId,
          ...(e.refused !== undefined && { refused: e.refused }),
        });
        break;
      case 'tool-call':
        bus.publish({
          type: 'tool.call',
          agentId: e.agentId,
          taskId: e.taskId,
          tool: e.tool,
          durationMs: e.durationMs,
          outcome: e.outcome,
          ...(e.argsDigest !== undefined && { argsDigest: e.argsDigest }),
          ...(e.errorCode !== undefined && { errorCode: e.errorCode }),
        });
        break;
      default:
        // Completion and failure are published by the runtime, which knows about retries.
        break;
    }
  });
  const offMcp = ctx.mcpPool.subscribe((e) => {
    if (e.type === 'circuit-open')
      bus.publish({
        type: 'recovery.degraded',
        component: 'mcp',
        server: e.server,
        reason: `${e.server} circuit open after ${e.failures} failures: ${e.reason}`,
      });
  });
  return () => {
    offProcess();
    offExecutor();
    offMcp();
  };
}
