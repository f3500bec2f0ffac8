import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDbPath } from '../src/index.js';

describe('resolveDbPath', () => {
  it('prefers --db, then CORTEX_DB, then the per-user data directory', () => {
    const env = { CORTEX_DB: '/env/c.db', XDG_DATA_HOME: '/xdg' };
    expect(resolveDbPath({ flag: '/flag/c.db', env })).toBe('/flag/c.db');
    expect(resolveDbPath({ env })).toBe('/env/c.db');
    expect(resolveDbPath({ env: { XDG_DATA_HOME: '/xdg' }, platform: 'linux', home: '/h' })).toBe(
      join('/xdg', 'axon-cortex', 'cortex.db'),
    );
    expect(resolveDbPath({ env: {}, platform: 'linux', home: '/h' })).toBe(
      join('/h', '.local', 'share', 'axon-cortex', 'cortex.db'),
    );
    expect(resolveDbPath({ env: {}, platform: 'darwin', home: '/h' })).toBe(
      join('/h', 'Library', 'Application Support', 'axon-cortex', 'cortex.db'),
    );
  });
});
