import { describe, expect, it } from 'vitest';
import { parseMcpConfig } from '../../src/config/schema.js';
import { McpServerPool } from '../../src/pool/pool.js';

describe('McpConfigSchema', () => {
  it('applies the seed defaults', () => {
    const c = parseMcpConfig();
    expect(c).toMatchObject({
      cortexArgs: ['mcp', 'stdio'],
      protocolVersion: '2024-11-05',
      requestTimeout: 30_000,
      maxRetries: 3,
      enableMcpLogging: false,
      mode: 'per-agent',
    });
    expect(c.cortexBinaryPath).toBeUndefined();
  });

  it('names the bad field', () => {
    expect(() => new McpServerPool({ requestTimeout: -1 })).toThrow(
      expect.objectContaining({
        code: 'MCP_INVALID_ARGUMENTS',
        data: expect.objectContaining({ field: 'requestTimeout' }),
      }),
    );
    expect(() => parseMcpConfig({ servers: { a__b: { command: 'x' } } })).toThrow(/servers\.a__b/);
    expect(() => parseMcpConfig({ mode: 'pooled' as never })).toThrow(/mode/);
  });
});
