import { describe, expect, it } from 'vitest';
import { configFromEnv, envBindings } from '../../src/config/env.js';

describe('envBindings', () => {
  it('names every field AXON_<SECTION>_<FIELD_IN_SNAKE_CASE>, uniquely', () => {
    const names = envBindings().map((b) => b.env);
    expect(names).toContain('AXON_PROCESS_MAX_CONCURRENT_PROCESSES');
    expect(names).toContain('AXON_MONITORING_HEALTH_CHECK_INTERVAL');
    expect(names).toContain('AXON_RECOVERY_RESTART_BACKOFF_BASE');
    expect(names).toContain('AXON_MCP_CORTEX_BINARY_PATH');
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('configFromEnv', () => {
  it('coerces by field kind and remembers where each value came from', () => {
    const { values, sources } = configFromEnv({
      AXON_PROCESS_MAX_CONCURRENT_PROCESSES: '12',
      AXON_PROCESS_ENABLE_ISOLATION: 'off',
      AXON_RECOVERY_RETRY_ON: '["TIMEOUT"]',
      AXON_MONITORING_HEARTBEAT_TIMEOUT: '1m',
      UNRELATED: 'x',
    });
    expect(values).toEqual({
      process: { maxConcurrentProcesses: 12, enableIsolation: false },
      recovery: { retryOn: ['TIMEOUT'] },
      monitoring: { heartbeatTimeout: '1m' },
    });
    expect(sources.get('process.enableIsolation')).toBe('AXON_PROCESS_ENABLE_ISOLATION');
  });
});
