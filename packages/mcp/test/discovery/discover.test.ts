import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverCortex } from '../../src/discovery/discover.js';
import { echoServer } from '../helpers.js';

let dir: string;
let goodDir: string;
let badDir: string;
let wrongDir: string;

function script(at: string, body: string): string {
  const file = join(at, 'cortex');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'axon-mcp-discover-'));
  for (const d of ['good', 'bad', 'wrong']) rmSync(join(dir, d), { recursive: true, force: true });
  goodDir = mkdtempSync(join(dir, 'good-'));
  badDir = mkdtempSync(join(dir, 'bad-'));
  wrongDir = mkdtempSync(join(dir, 'wrong-'));
  // A real MCP server that lists cortex_search; one that exits; one that speaks MCP but is not a Cortex.
  script(goodDir, `exec "${process.execPath}" "${echoServer}" --cortex`);
  script(badDir, 'echo "not a cortex" >&2; exit 1');
  script(wrongDir, `exec "${process.execPath}" "${echoServer}"`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const basePath = process.env.PATH ?? '';

describe('discoverCortex', () => {
  it('prefers cortexBinaryPath from the config', async () => {
    const d = await discoverCortex(
      { cortexBinaryPath: echoServer },
      { env: { AXON_CORTEX_BIN: echoServer, PATH: basePath } },
    );
    expect(d.source).toBe('config');
    expect(d.command).toBe(process.execPath);
    expect(d.args).toEqual([echoServer, 'mcp', 'stdio']);
    expect(d.reason).toContain('cortexBinaryPath');
  });

  it('falls back to AXON_CORTEX_BIN when the config path does not exist, saying why', async () => {
    const d = await discoverCortex(
      { cortexBinaryPath: '/nonexistent/cortex' },
      { env: { AXON_CORTEX_BIN: echoServer, PATH: basePath } },
    );
    expect(d.source).toBe('env');
    expect(d.tried[0]).toMatchObject({ source: 'config', ok: false });
    expect(d.tried[0]?.reason).toContain('does not exist');
  });

  it('takes a cortex on PATH only if it completes the handshake and lists cortex_search', async () => {
    const d = await discoverCortex({}, { env: { PATH: [badDir, wrongDir, goodDir, basePath].join(delimiter) } });
    // The first `cortex` on PATH wins the lookup; it fails the handshake, so discovery moves on to the bundled one.
    expect(d.tried.find((t) => t.source === 'path')?.reason).toContain('handshake failed');
    expect(d.source).toBe('bundled');

    const wrong = await discoverCortex({}, { env: { PATH: [wrongDir, basePath].join(delimiter) } });
    expect(wrong.tried.find((t) => t.source === 'path')?.reason).toContain('does not list cortex_search');
    expect(wrong.source).toBe('bundled');

    const good = await discoverCortex({}, { env: { PATH: [goodDir, basePath].join(delimiter) } });
    expect(good.source).toBe('path');
    expect(good.path).toBe(join(goodDir, 'cortex'));
    expect(good.command).toBe(join(goodDir, 'cortex'));
  });

  it('uses the bundled @axon/cortex when nothing else is set', async () => {
    const d = await discoverCortex({}, { env: { PATH: '/nonexistent' } });
    expect(d.source).toBe('bundled');
    expect(d.path).toMatch(/cortex[/\\]dist[/\\]cli\.js$/);
    expect(d.command).toBe(process.execPath);
    expect(d.tried.map((t) => t.source)).toEqual(['config', 'env', 'path', 'bundled']);
  });
});
