import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../src/config/validate.js';
import { executorConfig, mcpPoolConfig, processManagerConfig } from '../../src/runtime/layer-config.js';

describe('layer configuration', () => {
  const c = parseRuntimeConfig({
    process: { maxConcurrentProcesses: 4, spawnTimeout: '5s' },
    resources: {
      maxMemoryBytes: '256MiB',
      maxToolCallsPerTask: 7,
      maxTaskDuration: '2m',
      enableResourceTracking: false,
    },
    monitoring: { heartbeatTimeout: '9s', metricsInterval: '2s' },
    mcp: { mode: 'shared', requestTimeout: '3s' },
  });

  it('hands the process, resource and monitoring fields to the ProcessManager', () => {
    expect(processManagerConfig(c)).toMatchObject({
      maxConcurrentProcesses: 4,
      spawnTimeout: 5_000,
      heartbeatTimeout: 9_000,
      limits: { maxMemoryBytes: 256 * 1024 ** 2, cpuLimitPercent: 80 },
      resourceSamplingInterval: 60_000,
    });
    expect(
      processManagerConfig(parseRuntimeConfig({ monitoring: { metricsInterval: '2s' } })).resourceSamplingInterval,
    ).toBe(2_000);
  });

  it('hands the mcp section to the McpServerPool and the task limits to the executor', () => {
    expect(mcpPoolConfig(c)).toMatchObject({
      mode: 'shared',
      requestTimeout: 3_000,
      cortexArgs: ['mcp', 'stdio'],
      protocolVersion: '2024-11-05',
    });
    expect(executorConfig(c)).toMatchObject({ maxToolCallsPerTask: 7, maxTaskDuration: 120_000 });
  });
});
