import { describe, expect, it } from 'vitest';
import { agentSpec, manager, record } from '../helpers.js';

describe('ProcessManager', () => {
  describe('bad frames', () => {
    it('counts and logs garbage between valid frames and keeps the agent usable', async () => {
      const pm = manager();
      const events = record(pm);
      const h = await pm.spawn(agentSpec('garbage.mjs', { id: 'junk' }));
      const deadline = Date.now() + 5_000;
      while ((pm.get('junk')?.badFrames ?? 0) < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(pm.get('junk')?.badFrames).toBe(8);
      expect(events.filter((e) => e.type === 'bad-frame' && e.id === 'junk')).toHaveLength(8);
      expect(pm.logs('junk').some((l) => l.includes('bad frame'))).toBe(true);
      await expect(h.peer.request('ping', {})).resolves.toMatchObject({ timestamp: expect.any(Number) });
      expect(pm.get('junk')?.state).toBe('ready');
      expect(pm.getStatistics().badFrames).toBe(8);
    });

    it('captures stderr line by line into the log buffer and as events', async () => {
      const pm = manager();
      const events = record(pm);
      await pm.spawn(agentSpec('grandchildren.mjs', { id: 'talker' }));
      expect(pm.logs('talker')).toContain('grandchildren started');
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'log', id: 'talker', line: 'grandchildren started' }),
      );
    });
  });
});
