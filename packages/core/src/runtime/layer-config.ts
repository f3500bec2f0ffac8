import type { ExecutorConfigInput } from '@axon/executor';
import type { McpConfigInput } from '@axon/mcp';
import type { ProcessManagerConfigInput } from '@axon/process';
import type { RuntimeConfig } from '../config/schema.js';

// Resource sampling cannot be switched off in @axon/process; "off" samples rarely.
const UNTRACKED_SAMPLING_INTERVAL = 60_000;

/** The `ProcessManager` configuration a runtime configuration implies. */
export function processManagerConfig(c: RuntimeConfig): ProcessManagerConfigInput {
  const p = c.process;
  const r = c.resources;
  const m = c.monitoring;
  return {
    maxConcurrentProcesses: p.maxConcurrentProcesses,
    spawnTimeout: p.spawnTimeout,
    shutdownGracePeriod: p.shutdownGracePeriod,
    enableIsolation: p.enableIsolation,
    ...(p.workingDirectory !== undefined && { workingDirectory: p.workingDirectory }),
    environment: p.environment,
    sandbox: p.sandbox,
    limits: {
      maxMemoryBytes: r.maxMemoryBytes,
      cpuLimitPercent: r.cpuLimitPercent,
      maxFileDescriptors: r.maxFileDescriptors,
      maxOutputSizeBytes: r.maxOutputSizeBytes,
    },
    heartbeatTimeout: m.heartbeatTimeout,
    ...(m.heartbeatInterval !== undefined && { heartbeatInterval: m.heartbeatInterval }),
    maxLogBufferSize: m.maxLogBufferSize,
    resourceSamplingInterval: r.enableResourceTracking ? m.metricsInterval : UNTRACKED_SAMPLING_INTERVAL,
  };
}

/** The `McpServerPool` configuration a runtime configuration implies. */
export function mcpPoolConfig(c: RuntimeConfig): McpConfigInput {
  const m = c.mcp;
  return {
    ...(m.cortexBinaryPath !== undefined && { cortexBinaryPath: m.cortexBinaryPath }),
    cortexArgs: m.cortexArgs,
    ...(m.cortexUrl !== undefined && { cortexUrl: m.cortexUrl }),
    ...(m.cortexToken !== undefined && { cortexToken: m.cortexToken }),
    cortexEnv: m.cortexEnv,
    protocolVersion: m.protocolVersion,
    pinProtocolVersion: m.pinProtocolVersion,
    requestTimeout: m.requestTimeout,
    maxRetries: m.maxRetries,
    enableMcpLogging: m.enableMcpLogging,
    mode: m.mode,
    maxServers: m.maxServers,
    idleTimeout: m.idleTimeout,
    maxInFlightPerServer: m.maxInFlightPerServer,
    servers: m.servers,
  };
}

/** The `AgentExecutor` configuration a runtime configuration implies. */
export function executorConfig(c: RuntimeConfig): ExecutorConfigInput {
  const s = c.security;
  return {
    maxToolCallsPerTask: c.resources.maxToolCallsPerTask,
    maxTaskDuration: c.resources.maxTaskDuration,
    ...(s.auditFile !== undefined && { auditFile: s.auditFile }),
    auditMaxBytes: Math.max(1, s.auditMaxBytes),
    auditMaxFiles: s.auditMaxFiles,
    maxRefusedToolCalls: s.maxRefusedToolCalls,
    maxArgumentDepth: s.maxArgumentDepth,
  };
}
