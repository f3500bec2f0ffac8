import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/bus/events.js';
import { NODE, SILENT, agentArgs, cleanup, makeRuntime, record, until } from '../support/runtime.js';

afterEach(cleanup);

// Allocates 200 MB after the handshake and holds it.
const MEMORY_HOG = fileURLToPath(new URL('../../../process/test/fixtures/memory-hog.mjs', import.meta.url));

const of = <T extends RuntimeEvent['type']>(events: RuntimeEvent[], type: T) =>
  events.filter((e): e is Extract<RuntimeEvent, { type: T }> => e.type === type);

describe('HealthMonitor (through AgentRuntime)', () => {
  it('detects a heartbeat timeout and says so', async () => {
    const rt = makeRuntime({
      monitoring: { heartbeatTimeout: 800, healthCheckInterval: 400 },
      recovery: { enableAutoRestart: false },
    });
    await rt.start();
    const events = record(rt);
    const id = await rt.spawnAgent('silent', 'silent', NODE, [SILENT]);
    await until(
      () => of(events, 'health.heartbeat-timeout').some((e) => e.agentId === id),
      10_000,
      'heartbeat timeout',
    );
    await until(
      () => of(events, 'health.agent-failed').some((e) => e.agentId === id && e.code === 'HEARTBEAT_TIMEOUT'),
      10_000,
      'agent failed',
    );
    await until(() => rt.getAgent(id)?.status === 'failed', 10_000, 'Failed status');
  });

  it('publishes a health.check summary every healthCheckInterval counting live agents', async () => {
    const rt = makeRuntime({ monitoring: { healthCheckInterval: 200 } });
    await rt.start();
    const events = record(rt);
    await rt.spawnAgent('w', 'w', NODE, agentArgs());
    await until(() => of(events, 'health.check').some((e) => e.checked === 1), 10_000, 'a health check of one agent');
    expect(of(events, 'health.check').every((e) => e.unhealthy === 0)).toBe(true);
  });

  it('reports a limit the process layer enforced once, and counts it in the next health.check', async () => {
    const rt = makeRuntime({
      monitoring: { healthCheckInterval: 200, metricsInterval: 100 },
      recovery: { enableAutoRestart: false },
    });
    await rt.start();
    const events = record(rt);
    const id = await rt.spawnAgent('hog', 'hog', NODE, [MEMORY_HOG], { limits: { maxMemoryBytes: 96 * 1024 ** 2 } });
    await until(() => rt.getAgent(id)?.status === 'failed', 20_000, 'Failed status');
    await until(() => of(events, 'health.check').some((e) => e.unhealthy === 1), 10_000, 'a health check counting it');
    expect(of(events, 'health.limit-exceeded').filter((e) => e.agentId === id)).toEqual([
      expect.objectContaining({ limit: 'memory', max: 96 * 1024 ** 2 }),
    ]);
    const failed = of(events, 'health.agent-failed').filter((e) => e.agentId === id);
    expect(failed.map((e) => e.code)).toEqual(['RESOURCE_LIMIT_EXCEEDED']);
  });
});
