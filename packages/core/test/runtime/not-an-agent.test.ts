import { discoverCortex } from '@axon/mcp';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanup, makeRuntime } from '../support/runtime.js';

afterEach(cleanup);
const dir = mkdtempSync(join(tmpdir(), 'axon-not-agent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spawnAgent', () => {
  it('refuses a real MCP server (Cortex) with an error that says it is not an agent', async () => {
    const rt = makeRuntime();
    await rt.start();
    const cortex = await discoverCortex();
    const failure = await rt
      .spawnAgent('cortex-as-agent', 'w', cortex.command, [...cortex.args, '--db', join(dir, 'x.db')])
      .then(
        () => undefined,
        (e: unknown) => e as Error & { code?: string },
      );
    expect(failure?.message).toContain('not an AAP agent');
    expect(failure?.message).toContain('MCP server');
    expect(rt.listAgents()).toEqual([]);
  });
});
