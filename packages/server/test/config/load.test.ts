import { describe, expect, it } from 'vitest';
import { parseServeConfig } from '../../src/config/load.js';

describe('parseServeConfig', () => {
  const input = {
    process: { maxConcurrentProcesses: 3 },
    monitoring: { healthCheckInterval: '5s', metrics: { prometheus: false } },
    agentTypes: { echo: { command: 'node', capabilities: ['Echo'] } },
  };

  it('lets AXON_* variables override the runtime sections, leaving the serve-only keys alone', () => {
    const c = parseServeConfig(input, {
      baseDir: '/srv',
      env: { AXON_PROCESS_MAX_CONCURRENT_PROCESSES: '9', AXON_MCP_CORTEX_TOKEN: 'from-env' },
    });
    expect(c.runtime.process.maxConcurrentProcesses).toBe(9);
    expect(c.runtime.monitoring.healthCheckInterval).toBe(5_000);
    expect(c.runtime.mcp.cortexToken).toBe('from-env');
    expect(c.metrics.prometheus).toBe(false);
    expect(c.agentTypes.echo!.cwd).toBe('/srv');
  });

  it('names the variable a bad value came from', () => {
    expect(() =>
      parseServeConfig(input, { file: '/srv/serve.yaml', env: { AXON_PROCESS_MAX_CONCURRENT_PROCESSES: '0' } }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        message: expect.stringMatching(/process\.maxConcurrentProcesses.*from AXON_PROCESS_MAX_CONCURRENT_PROCESSES/),
      }),
    );
  });
});
