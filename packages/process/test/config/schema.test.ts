import { describe, expect, it } from 'vitest';
import { isProcessError, ProcessManager, ProcessManagerConfigSchema } from '../../src/index.js';
import { manager } from '../helpers.js';

describe('ProcessManagerConfigSchema', () => {
  it('fills in the seed defaults', () => {
    const c = ProcessManagerConfigSchema.parse({});
    expect(c).toMatchObject({
      maxConcurrentProcesses: 10,
      spawnTimeout: 30_000,
      shutdownGracePeriod: 10_000,
      enableIsolation: true,
      heartbeatTimeout: 30_000,
      maxLogBufferSize: 1024 ** 2,
      resourceSamplingInterval: 1_000,
      limits: {
        maxMemoryBytes: 2 * 1024 ** 3,
        cpuLimitPercent: 80,
        maxFileDescriptors: 1024,
        maxOutputSizeBytes: 10 * 1024 ** 2,
      },
    });
  });

  it('rejects a bad config with INVALID_CONFIG naming the field', () => {
    let err: unknown;
    try {
      new ProcessManager({ limits: { maxMemoryBytes: -1 } });
    } catch (e) {
      err = e;
    }
    expect(isProcessError(err) && err.code).toBe('INVALID_CONFIG');
    expect((err as Error).message).toContain('limits.maxMemoryBytes');
  });
});

describe('AgentSpecSchema', () => {
  it('rejects an invalid spec with INVALID_SPEC naming the field', async () => {
    const pm = manager();
    await expect(
      pm.spawn({ name: 'x', type: 't', command: 'node', args: [1 as unknown as string] }),
    ).rejects.toMatchObject({
      code: 'INVALID_SPEC',
      data: { field: 'args.0' },
    });
    await expect(pm.spawn({ name: '', type: 't', command: 'node' })).rejects.toMatchObject({
      code: 'INVALID_SPEC',
      data: { field: 'name' },
    });
  });
});
