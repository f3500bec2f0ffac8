import { AgentExecutor } from '@axon/executor';
import { DegradingMcpPool, McpServerPool } from '@axon/mcp';
import { ProcessManager } from '@axon/process';
import type { MessageBus } from '../bus/message-bus.js';
import type { RuntimeConfig } from '../config/schema.js';
import { executorConfig, mcpPoolConfig, processManagerConfig } from './layer-config.js';

/** The three layers a runtime composes, configured from one {@link RuntimeConfig}. */
export interface RuntimeLayers {
  processManager: ProcessManager;
  mcpPool: McpServerPool;
  /** The MCP pool as the executor sees it: with graceful degradation per server (a dead server fails only its own tools). */
  mcp: DegradingMcpPool;
  executor: AgentExecutor;
}

/** Creates the ProcessManager, the McpServerPool (behind degradation, reported on `bus`) and the AgentExecutor. */
export function createLayers(config: RuntimeConfig, bus: MessageBus): RuntimeLayers {
  const processManager = new ProcessManager(processManagerConfig(config));
  const mcpPool = new McpServerPool(mcpPoolConfig(config));
  const mcp = new DegradingMcpPool(mcpPool, {
    enabled: config.recovery.enableGracefulDegradation,
    retryAfter: Math.min(config.recovery.breakerCooldown, 10_000),
    onDegraded: (server, reason) => bus.publish({ type: 'recovery.degraded', component: 'mcp', server, reason }),
    onRestored: (server) => bus.publish({ type: 'recovery.restored', component: 'mcp', server }),
  });
  const executor = new AgentExecutor(processManager, mcp, executorConfig(config));
  return { processManager, mcpPool, mcp, executor };
}
