import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { isRuntimeError, type RuntimeError } from '../../src/errors/runtime-error.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'axon-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function failure(fn: () => unknown): RuntimeError {
  try {
    fn();
  } catch (e) {
    if (isRuntimeError(e)) return e;
    throw e;
  }
  throw new Error('expected INVALID_CONFIG');
}

describe('loadConfig', () => {
  it('returns the seed defaults when there is no file and no variable', () => {
    const c = loadConfig({ cwd: dir, env: {} });
    expect(c.process).toMatchObject({
      maxConcurrentProcesses: 10,
      spawnTimeout: 30_000,
      shutdownGracePeriod: 10_000,
      enableIsolation: true,
    });
    expect(c.resources).toMatchObject({
      maxMemoryBytes: 2 * 1024 ** 3,
      cpuLimitPercent: 80,
      maxFileDescriptors: 1024,
      maxTaskDuration: 300_000,
      maxToolCallsPerTask: 50,
      maxOutputSizeBytes: 10 * 1024 ** 2,
      enableResourceTracking: true,
    });
    expect(c.mcp).toMatchObject({
      cortexArgs: ['mcp', 'stdio'],
      protocolVersion: '2024-11-05',
      requestTimeout: 30_000,
      maxRetries: 3,
    });
    expect(c.monitoring).toMatchObject({
      healthCheckInterval: 10_000,
      heartbeatTimeout: 30_000,
      enableMetrics: true,
      metricsInterval: 5_000,
      enableLogAggregation: true,
      agentLogLevel: 'info',
      maxLogBufferSize: 1024 ** 2,
    });
    expect(c.recovery).toMatchObject({
      enableAutoRestart: true,
      maxRestartAttempts: 3,
      restartBackoffBase: 5_000,
      checkpointInterval: 60_000,
      enableGracefulDegradation: true,
      failureThreshold: 3,
    });
  });

  it('reads axon.config.json from cwd, with duration and size strings', () => {
    writeFileSync(
      join(dir, 'axon.config.json'),
      JSON.stringify({ $schema: './x.json', process: { spawnTimeout: '5s' }, resources: { maxMemoryBytes: '512MiB' } }),
    );
    const c = loadConfig({ cwd: dir, env: {} });
    expect(c.process.spawnTimeout).toBe(5_000);
    expect(c.resources.maxMemoryBytes).toBe(512 * 1024 ** 2);
    expect(c.process.maxConcurrentProcesses).toBe(10);
  });

  it('reads axon.config.yaml', () => {
    writeFileSync(
      join(dir, 'axon.config.yaml'),
      'monitoring:\n  healthCheckInterval: 2m\nrecovery:\n  maxRestartAttempts: 7\n',
    );
    const c = loadConfig({ cwd: dir, env: {} });
    expect(c.monitoring.healthCheckInterval).toBe(120_000);
    expect(c.recovery.maxRestartAttempts).toBe(7);
  });

  it('lets AXON_* variables win over the file, and overrides win over both', () => {
    writeFileSync(
      join(dir, 'axon.config.json'),
      JSON.stringify({ process: { maxConcurrentProcesses: 4, enableIsolation: true } }),
    );
    const c = loadConfig({
      cwd: dir,
      env: {
        AXON_PROCESS_MAX_CONCURRENT_PROCESSES: '6',
        AXON_PROCESS_ENABLE_ISOLATION: 'no',
        AXON_MCP_CORTEX_ARGS: 'mcp,stdio,--db,/tmp/x.db',
        AXON_PROCESS_ENVIRONMENT: '{"A":"1"}',
        AXON_MONITORING_HEARTBEAT_TIMEOUT: '45s',
        AXON_RECOVERY_FAILURE_THRESHOLD: '',
      },
      overrides: { monitoring: { heartbeatTimeout: 1000 } },
    });
    expect(c.process.maxConcurrentProcesses).toBe(6);
    expect(c.process.enableIsolation).toBe(false);
    expect(c.mcp.cortexArgs).toEqual(['mcp', 'stdio', '--db', '/tmp/x.db']);
    expect(c.process.environment).toEqual({ A: '1' });
    expect(c.monitoring.heartbeatTimeout).toBe(1000);
    expect(c.recovery.failureThreshold).toBe(3);
  });

  it('reads the file named by AXON_CONFIG', () => {
    writeFileSync(join(dir, 'custom.yml'), 'recovery:\n  failureThreshold: 9\n');
    expect(loadConfig({ cwd: dir, env: { AXON_CONFIG: 'custom.yml' } }).recovery.failureThreshold).toBe(9);
  });

  it('fails with INVALID_CONFIG naming the path, the expectation and the file', () => {
    writeFileSync(join(dir, 'axon.config.json'), JSON.stringify({ process: { spawnTimeout: '5 parsecs' } }));
    const e = failure(() => loadConfig({ cwd: dir, env: {} }));
    expect(e.code).toBe('INVALID_CONFIG');
    expect(e.message).toContain('process.spawnTimeout');
    expect(e.message).toContain('a duration');
    expect(e.message).toContain('"5 parsecs"');
    expect(e.message).toContain('axon.config.json');
    expect(e.data.path).toBe('process.spawnTimeout');
  });

  it('names the environment variable a bad value came from', () => {
    const e = failure(() => loadConfig({ cwd: dir, env: { AXON_PROCESS_MAX_CONCURRENT_PROCESSES: 'lots' } }));
    expect(e.message).toContain(
      'process.maxConcurrentProcesses: expected an integer between 1 and 10000, got "lots" (from AXON_PROCESS_MAX_CONCURRENT_PROCESSES)',
    );
  });

  it('rejects unknown fields, listing the known ones', () => {
    const e = failure(() =>
      loadConfig({ cwd: dir, env: {}, overrides: { process: { maxConcurentProcesses: 3 } } as never }),
    );
    expect(e.message).toContain('process: expected no field "maxConcurentProcesses" here');
    expect(e.message).toContain('maxConcurrentProcesses');
  });

  it('rejects a missing named file, broken YAML and a non-object document', () => {
    expect(failure(() => loadConfig({ cwd: dir, env: {}, file: 'nope.json' })).message).toContain('does not exist');
    writeFileSync(join(dir, 'bad.yaml'), 'process: [unclosed\n');
    expect(failure(() => loadConfig({ cwd: dir, env: {}, file: 'bad.yaml' })).message).toContain('not valid YAML');
    writeFileSync(join(dir, 'list.json'), '[1,2]');
    expect(failure(() => loadConfig({ cwd: dir, env: {}, file: 'list.json' })).message).toContain('expected an object');
  });

  it('rejects invalid JSON in an object-valued variable', () => {
    const e = failure(() => loadConfig({ cwd: dir, env: { AXON_PROCESS_ENVIRONMENT: '{oops' } }));
    expect(e.code).toBe('INVALID_CONFIG');
    expect(e.message).toContain('AXON_PROCESS_ENVIRONMENT');
  });

  it.each([
    ['process', 'spawnTimeout', '25d', 'longer than 2147483647 ms'],
    ['resources', 'maxTaskDuration', '30d', 'longer than 2147483647 ms'],
    ['recovery', 'breakerCooldown', 2 ** 31, 'longer than 2147483647 ms'],
    ['process', 'spawnTimeout', 0, 'less than 1 ms'],
    ['resources', 'maxTaskDuration', 0, 'less than 1 ms'],
    ['resources', 'maxMemoryBytes', 0, 'at least 1)'],
    ['resources', 'maxOutputSizeBytes', '0B', 'at least 1)'],
    ['monitoring', 'heartbeatTimeout', 0, 'less than 1 ms'],
    ['monitoring', 'heartbeatInterval', 0, 'less than 1 ms'],
    ['monitoring', 'maxLogBufferSize', 0, 'at least 1)'],
    ['monitoring', 'metricsInterval', 0, 'less than 100 ms'],
    ['monitoring', 'healthCheckInterval', 0, 'less than 10 ms'],
    ['mcp', 'requestTimeout', 0, 'less than 1 ms'],
  ])(
    'refuses %s.%s = %j, a value the runtime cannot use, with INVALID_CONFIG naming the field',
    (sec, field, v, why) => {
      const e = failure(() => loadConfig({ cwd: dir, env: {}, overrides: { [sec]: { [field]: v } } }));
      expect(e.code).toBe('INVALID_CONFIG');
      expect(e.data.path).toBe(`${sec}.${field}`);
      expect(e.message).toContain(`${sec}.${field}`);
      expect(e.message).toContain(why);
    },
  );

  it('accepts the longest duration a timer can wait', () => {
    const c = loadConfig({ cwd: dir, env: {}, overrides: { process: { spawnTimeout: 2 ** 31 - 1 } } });
    expect(c.process.spawnTimeout).toBe(2 ** 31 - 1);
  });
});
