import { describe, expect, it } from 'vitest';
import { pinWorkspace } from '../../src/access/workspace.js';

describe('pinWorkspace', () => {
  it('sets the workspace on a Cortex call that names none, and stamps the author of a store', () => {
    expect(pinWorkspace('cortex_search', { query: 'q' }, 'ws-a', 'agent-1')).toEqual({
      ok: true,
      args: { query: 'q', workspaceId: 'ws-a' },
    });
    expect(pinWorkspace('cortex_store', { content: 'c', agentId: 'forged' }, 'ws-a', 'agent-1')).toEqual({
      ok: true,
      args: { content: 'c', workspaceId: 'ws-a', agentId: 'agent-1' },
    });
    expect(pinWorkspace('cortex_consolidate', undefined, 'ws-a', 'agent-1')).toEqual({
      ok: true,
      args: { workspaceId: 'ws-a' },
    });
  });

  it('refuses a Cortex call naming another workspace', () => {
    expect(pinWorkspace('cortex_retrieve', { id: 'm', workspaceId: 'ws-b' }, 'ws-a', 'x')).toEqual({
      ok: false,
      named: 'ws-b',
    });
  });

  it('leaves other tools and unpinned tasks alone', () => {
    const args = { workspaceId: 'anything' };
    expect(pinWorkspace('other__tool', args, 'ws-a', 'x')).toEqual({ ok: true, args });
    expect(pinWorkspace('cortex_search', args, undefined, 'x')).toEqual({ ok: true, args });
  });
});
