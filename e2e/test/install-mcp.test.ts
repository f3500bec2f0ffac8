import { describe, expect, it } from 'vitest';
import { packAll } from './support/pack.js';
import { runScript, scratchInstall } from './support/scratch.js';

describe('installing @axon/mcp alone', () => {
  it('stores and searches a Cortex memory with zero configuration', async () => {
    const tarballs = await packAll(['agent', 'sandbox', 'cortex', 'mcp']);
    const dir = await scratchInstall([...tarballs.values()]);
    const out = await runScript(
      dir,
      'memory.mjs',
      `
import { McpServerPool } from '@axon/mcp';
const pool = new McpServerPool();
try {
  const stored = await pool.callTool('smoke', { name: 'cortex_store', arguments: { content: 'The deploy key rotates on Tuesdays.' } });
  const found = await pool.callTool('smoke', { name: 'cortex_search', arguments: { query: 'deploy key' } });
  console.log(JSON.stringify({ stored: stored.structuredContent, found: found.structuredContent, source: (await pool.cortex()).source }));
} finally {
  await pool.shutdownAll();
}
`,
    );
    const report = JSON.parse(out.trim().split('\n').at(-1)!) as {
      stored: { id: string };
      found: { results: Array<{ id: string }> };
      source: string;
    };
    expect(report.source).toBe('bundled');
    expect(report.found.results.map((r) => r.id)).toContain(report.stored.id);
  });
});
