import { AAP_PROTOCOL_VERSION } from '@axon/agent';
import { describe, expect, it } from 'vitest';
import { ProcessError } from '../../src/index.js';
import { agentSpec, fixture, manager } from '../helpers.js';

async function spawnError(p: Promise<unknown>): Promise<ProcessError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProcessError) return e;
    throw e;
  }
  throw new Error('expected the spawn to fail');
}

describe('ProcessManager', () => {
  describe('initialize handshake', () => {
    it('refuses an agent that answers an incompatible protocolVersion, naming both versions', async () => {
      const pm = manager();
      const err = await spawnError(pm.spawn(agentSpec('old-protocol.mjs', { id: 'old' })));
      expect(err.code).toBe('SPAWN_FAILED');
      expect(err.message).toContain('2024-01-01');
      expect(err.message).toContain(AAP_PROTOCOL_VERSION);
      expect(pm.isAlive('old')).toBe(false);
    });

    it('accepts an agent that answers the runtime version', async () => {
      const pm = manager();
      const h = await pm.spawn(
        agentSpec('old-protocol.mjs', { id: 'same', args: [fixture('old-protocol.mjs'), AAP_PROTOCOL_VERSION] }),
      );
      expect(h.id).toBe('same');
    });

    it('says a program printing text is not an agent, without waiting for the spawn timeout', async () => {
      const pm = manager({ spawnTimeout: 600_000 });
      const err = await spawnError(pm.spawn(agentSpec('not-an-agent.mjs', { id: 'chatty' })));
      expect(err.code).toBe('SPAWN_FAILED');
      expect(err.message).toContain('not an AAP agent');
      expect(err.message).toContain('hello from a program that is not an agent');
    });

    it('says so when a program prints a line and exits', async () => {
      const pm = manager();
      const err = await spawnError(
        pm.spawn(agentSpec('not-an-agent.mjs', { id: 'usage', args: [fixture('not-an-agent.mjs'), '--once'] })),
      );
      expect(err.message).toContain('exit code 0');
      expect(err.message).toContain('not an AAP agent');
      expect(err.message).toContain('Usage: not-an-agent');
    });

    it('says an MCP server is not an agent when it answers initialize the MCP way', async () => {
      const pm = manager();
      const err = await spawnError(
        pm.spawn(agentSpec('not-an-agent.mjs', { id: 'mcp', args: [fixture('not-an-agent.mjs'), '--mcp-result'] })),
      );
      expect(err.message).toContain('not an AAP agent');
      expect(err.message).toContain('MCP server');
    });
  });
});
