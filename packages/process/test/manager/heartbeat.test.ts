import { describe, expect, it } from 'vitest';
import type { ProcessEvent } from '../../src/index.js';
import { SILENT_AGENT, agentSpec, manager, nextEvent } from '../helpers.js';

describe('ProcessManager', () => {
  describe('heartbeats', () => {
    it('marks an agent that stops heartbeating Failed and says why', async () => {
      const pm = manager({ heartbeatTimeout: 600 });
      const timeout = nextEvent(
        pm,
        (e): e is Extract<ProcessEvent, { type: 'heartbeat-timeout' }> => e.type === 'heartbeat-timeout',
      );
      const failed = nextEvent(
        pm,
        (e): e is Extract<ProcessEvent, { type: 'state' }> => e.type === 'state' && e.to === 'failed',
      );
      const h = await pm.spawn({ ...agentSpec('silent', { id: 'silent' }), args: [SILENT_AGENT] });
      expect(await timeout).toMatchObject({ id: 'silent', timeoutMs: 600 });
      expect(await failed).toMatchObject({ id: 'silent', reason: 'heartbeat timeout' });
      await h.exited;
      expect(pm.get('silent')?.failure?.code).toBe('HEARTBEAT_TIMEOUT');
      expect(pm.getStatistics().heartbeatTimeouts).toBe(1);
    });

    it('keeps a heartbeating agent Ready past the timeout', async () => {
      const timeout = 1_500;
      const pm = manager({ heartbeatTimeout: timeout });
      const hb = nextEvent(pm, (e): e is Extract<ProcessEvent, { type: 'heartbeat' }> => e.type === 'heartbeat');
      const h = await pm.spawn(agentSpec('well-behaved.mjs', { id: 'beats' }));
      expect(await hb).toMatchObject({ id: 'beats', state: 'idle' });
      // Heartbeats (events, not a sleep) until twice the timeout has passed since it was Ready.
      const readyAt = pm.get('beats')!.readyAt!;
      const late = nextEvent(
        pm,
        (e): e is Extract<ProcessEvent, { type: 'heartbeat' }> =>
          e.type === 'heartbeat' && e.at > readyAt + 2 * timeout,
        60_000,
      );
      await Promise.race([late, h.exited]);
      expect(pm.get('beats')?.state).toBe('ready');
    }, 90_000);
  });
});
