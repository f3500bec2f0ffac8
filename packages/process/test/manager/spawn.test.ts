import { describe, expect, it } from 'vitest';
import { isProcessError, type ProcessEvent } from '../../src/index.js';
import { agentSpec, manager, record } from '../helpers.js';

describe('ProcessManager', () => {
  describe('spawn', () => {
    it('resolves with a handle once the agent answered initialize', async () => {
      const pm = manager();
      const h = await pm.spawn(agentSpec('well-behaved.mjs', { id: 'wb' }));
      expect(h).toMatchObject({ id: 'wb', name: 'well-behaved.mjs', type: 'fixture', capabilities: ['echo'] });
      expect(h.pid).toBeGreaterThan(0);
      expect(pm.get('wb')).toMatchObject({ state: 'ready', capabilities: ['echo'] });
      expect(pm.isAlive('wb')).toBe(true);
      expect(pm.getHandle('wb')).toBe(h);
      const pong = await h.peer.request<{ timestamp: number }>('ping', {});
      expect(pong.timestamp).toBeGreaterThan(0);
    });

    it('fails a crashing agent with SPAWN_FAILED carrying the exit code and stderr tail', async () => {
      const pm = manager();
      const err = await pm.spawn(agentSpec('crash-at-start.mjs', { id: 'crash' })).catch((e: unknown) => e);
      expect(isProcessError(err) && err.code).toBe('SPAWN_FAILED');
      expect(err).toMatchObject({ agentId: 'crash', exitCode: 3 });
      expect((err as { stderrTail: string }).stderrTail).toContain('cannot load model weights');
      expect(pm.get('crash')?.state).toBe('failed');
    });

    it('fails an agent that never answers with TIMEOUT at spawnTimeout', async () => {
      const pm = manager();
      const err = await pm
        .spawn(agentSpec('never-initialize.mjs', { id: 'mute' }), { timeout: 500 })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'TIMEOUT', agentId: 'mute' });
      expect(pm.isAlive('mute')).toBe(false);
    });

    it('says so when the command does not exist', async () => {
      const pm = manager();
      await expect(pm.spawn({ name: 'x', type: 't', command: 'definitely-not-a-command-xyz' })).rejects.toMatchObject({
        code: 'SPAWN_FAILED',
        message: expect.stringContaining('"definitely-not-a-command-xyz" not found'),
      });
    });

    it('holds maxConcurrentProcesses under parallel spawns', async () => {
      const pm = manager({ maxConcurrentProcesses: 3 });
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => pm.spawn(agentSpec('well-behaved.mjs', { id: `c${i}` }))),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason as { code: string });
      expect(ok).toHaveLength(3);
      expect(refused.map((e) => e.code)).toEqual(['CAPACITY_EXCEEDED', 'CAPACITY_EXCEEDED', 'CAPACITY_EXCEEDED']);
      expect(pm.getStatistics().activeProcesses).toBe(3);
      await pm.terminate('c0');
      await expect(pm.spawn(agentSpec('well-behaved.mjs', { id: 'c-next' }))).resolves.toMatchObject({ id: 'c-next' });
    });

    it('publishes every transition in order, from spawned to terminated', async () => {
      const pm = manager();
      const events = record(pm);
      await pm.spawn(agentSpec('well-behaved.mjs', { id: 'ev' }));
      pm.markBusy('ev');
      pm.markIdle('ev');
      await pm.terminate('ev');
      const seq = events
        .filter((e) => e.type !== 'log' && e.type !== 'resources' && e.type !== 'heartbeat')
        .map(describeEvent);
      expect(seq).toEqual([
        'state initial>starting',
        'spawned',
        'state starting>ready',
        'ready',
        'state ready>busy',
        'state busy>idle',
        'state idle>shutting_down',
        'state shutting_down>terminated',
        'exit',
      ]);
      expect(pm.get('ev')).toMatchObject({ state: 'terminated', exit: { exitCode: 0, signal: null } });
      expect(() => pm.markBusy('ev')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    });

    it('reports the isolation the agent got', async () => {
      const pm = manager();
      const h = await pm.spawn(agentSpec('well-behaved.mjs'));
      const caps = await pm.platform();
      expect(h.isolation.processGroup).toBe(true);
      expect(h.isolation.level).toBe(caps.pdeathsig && caps.pidNamespace !== 'none' ? 'full' : 'partial');
      const off = manager({ enableIsolation: false });
      const h2 = await off.spawn(agentSpec('well-behaved.mjs'));
      expect(h2.isolation).toMatchObject({ level: 'none', parentDeathSignal: false, pidNamespace: 'none' });
    });
  });
});

function describeEvent(e: ProcessEvent): string {
  return e.type === 'state' ? `state ${e.from}>${e.to}` : e.type;
}
