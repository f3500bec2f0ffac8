import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { isMcpError, type McpError } from '../../src/errors/mcp-error.js';
import { McpServerPool } from '../../src/pool/pool.js';
import { echoConfig, textOf } from '../helpers.js';

let pool: McpServerPool | undefined;
afterEach(async () => {
  await pool?.shutdownAll();
  pool = undefined;
});

async function startError(p: Promise<unknown>): Promise<McpError> {
  try {
    await p;
  } catch (e) {
    if (isMcpError(e)) return e;
    throw e;
  }
  throw new Error('expected the start to fail');
}

describe('McpServerPool protocol version negotiation (real SDK servers)', () => {
  it('offers the newest version the SDK supports, so a current server that checks versions accepts it', async () => {
    pool = new McpServerPool(echoConfig({}, ['--min-version', '2025-06-18']));
    const session = await pool.getOrCreate('a');
    expect(session.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
    expect(textOf(await pool.callTool('a', { name: 'echo', arguments: { text: 'hi' } }))).toBe('hi');
  });

  it('negotiates down to a server that only speaks 2024-11-05', async () => {
    pool = new McpServerPool(echoConfig({}, ['--only-version', '2024-11-05']));
    expect((await pool.getOrCreate('a')).protocolVersion).toBe('2024-11-05');
    expect(textOf(await pool.callTool('a', { name: 'echo', arguments: { text: 'old' } }))).toBe('old');
    expect(pool.getStatistics().perServer[0]?.protocolVersion).toBe('2024-11-05');
  });

  it('refuses a server older than the configured oldest accepted version, naming both versions', async () => {
    pool = new McpServerPool(
      echoConfig({ protocolVersion: '2025-03-26', maxRetries: 0 }, ['--only-version', '2024-11-05']),
    );
    const err = await startError(pool.getOrCreate('a'));
    expect(err.code).toBe('MCP_START_FAILED');
    expect(err.message).toContain('2024-11-05');
    expect(err.message).toContain('2025-03-26');
    expect(err.data).toMatchObject({ versionMismatch: true, protocolVersion: '2024-11-05', circuit: 'open' });
  });

  it('does not restart a server refused for its version (it would answer the same again)', async () => {
    pool = new McpServerPool(
      echoConfig({ protocolVersion: '2025-03-26', maxRetries: 3 }, ['--only-version', '2024-11-05']),
    );
    const events: string[] = [];
    pool.subscribe((e) => events.push(e.type));
    expect((await startError(pool.getOrCreate('a'))).data).toMatchObject({ circuit: 'open' });
    expect(events.filter((t) => t === 'restarting')).toEqual([]);
    expect(events.filter((t) => t === 'circuit-open')).toHaveLength(1);
  });

  it('offers exactly a pinned version and refuses another answer', async () => {
    pool = new McpServerPool(echoConfig({ protocolVersion: '2025-03-26', pinProtocolVersion: true }));
    expect((await pool.getOrCreate('a')).protocolVersion).toBe('2025-03-26');
    await pool.shutdownAll();
    pool = new McpServerPool(
      echoConfig({ protocolVersion: '2025-03-26', pinProtocolVersion: true, maxRetries: 0 }, [
        '--only-version',
        '2025-06-18',
      ]),
    );
    const err = await startError(pool.getOrCreate('a'));
    expect(err.message).toContain('2025-06-18');
    expect(err.message).toContain('pinned 2025-03-26');
  });

  it('rejects a protocolVersion the SDK does not support, naming the field', () => {
    let err: unknown;
    try {
      new McpServerPool({ protocolVersion: '2099-01-01' });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'MCP_INVALID_ARGUMENTS', data: { field: 'protocolVersion' } });
  });
});
