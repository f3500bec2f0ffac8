import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveDbPath } from '../src/index.js';

describe('resolveDbPath', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('prefers --db, then CORTEX_DB', () => {
    const env = { CORTEX_DB: '/env/c.db', XDG_DATA_HOME: '/xdg' };
    expect(resolveDbPath({ flag: '/flag/c.db', env })).toBe('/flag/c.db');
    expect(resolveDbPath({ env })).toBe('/env/c.db');
  });

  it('falls back to cortex.db in the per-user data directory', (ctx) => {
    if (process.platform !== 'linux') ctx.skip();
    vi.stubEnv('XDG_DATA_HOME', '/xdg');
    expect(resolveDbPath({ env: {} })).toBe(join('/xdg', 'axon-cortex', 'cortex.db'));
    vi.stubEnv('XDG_DATA_HOME', '');
    expect(resolveDbPath({ env: {} })).toBe(join(homedir(), '.local', 'share', 'axon-cortex', 'cortex.db'));
  });
});
