import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CortexStore, LIMITS } from '../../src/index.js';
import { startCortex, textOf } from '../helpers/cortex-process.js';
import { useTempDir } from '../helpers/temp-dir.js';

interface Hit {
  id: string;
  snippet: string;
  score: number;
  kind: string;
  tags: string[];
}

describe('cortex mcp stdio tools', () => {
  const tmp = useTempDir();
  const start = () => startCortex({ dbPath: join(tmp(), 'cortex.db') });

  it('lists the four tools, each with input and output schemas', async () => {
    const cortex = await start();
    const { tools } = await cortex.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'cortex_consolidate',
      'cortex_retrieve',
      'cortex_search',
      'cortex_store',
    ]);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
    }
    const store = tools.find((t) => t.name === 'cortex_store')!;
    expect(Object.keys(store.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining([
        'content',
        'kind',
        'tags',
        'importance',
        'workspaceId',
        'sessionId',
        'agentId',
        'metadata',
      ]),
    );
  });

  it('cortex_store returns an id and dedupes normalised content per workspace', async () => {
    const cortex = await start();
    const first = await cortex.ok('cortex_store', { content: 'The API uses  OAuth2 ', workspaceId: 'w1' });
    expect(first).toEqual({ id: expect.stringMatching(/^mem_/), deduplicated: false });
    const again = await cortex.ok('cortex_store', { content: 'the api uses oauth2', workspaceId: 'w1' });
    expect(again).toEqual({ id: first.id, deduplicated: true });
    const elsewhere = await cortex.ok('cortex_store', { content: 'The API uses OAuth2', workspaceId: 'w2' });
    expect(elsewhere.deduplicated).toBe(false);
    expect(elsewhere.id).not.toBe(first.id);
  });

  it('cortex_search ranks, filters and returns snippets with structuredContent', async () => {
    const cortex = await start();
    const a = await cortex.ok<{ id: string }>('cortex_store', {
      content: 'Deploys go through the blue-green pipeline on Fridays',
      kind: 'decision',
      tags: ['ops'],
      sessionId: 's1',
    });
    await cortex.ok('cortex_store', {
      content: 'The pipeline for data ingestion runs hourly',
      kind: 'fact',
      tags: ['data'],
    });
    const result = await cortex.call('cortex_search', { query: 'blue-green deploys pipeline' });
    expect(result.isError).toBeFalsy();
    const { results, terms } = result.structuredContent as { results: Hit[]; terms: string[] };
    expect(terms).toEqual(['blue', 'green', 'deploys', 'pipeline']);
    expect(results[0]!.id).toBe(a.id);
    expect(results[0]!.snippet).toContain('**blue**');
    expect(results).toHaveLength(2);
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);

    const filtered = await cortex.ok<{ results: Hit[] }>('cortex_search', { query: 'pipeline', kinds: ['fact'] });
    expect(filtered.results.map((r) => r.kind)).toEqual(['fact']);
    const byTag = await cortex.ok<{ results: Hit[] }>('cortex_search', { query: 'pipeline', tags: ['ops'] });
    expect(byTag.results.map((r) => r.id)).toEqual([a.id]);
    const bySession = await cortex.ok<{ results: Hit[] }>('cortex_search', { query: 'pipeline', sessionId: 's1' });
    expect(bySession.results.map((r) => r.id)).toEqual([a.id]);
    const future = await cortex.ok<{ results: Hit[] }>('cortex_search', {
      query: 'pipeline',
      since: '2999-01-01T00:00:00Z',
    });
    expect(future.results).toEqual([]);
  });

  it('treats hostile queries as plain text, never as FTS syntax', async () => {
    const cortex = await start();
    await cortex.ok('cortex_store', {
      content: 'NEAR the end AND OR NOT of state-of-the-art "quoted" text: café ☕ (v2)^3 *',
    });
    const hostile = [
      '"',
      '""',
      '"unterminated',
      'state-of-the-art',
      'what?',
      'AND',
      'OR NOT',
      'NEAR(end text, 3)',
      'a* OR *',
      '^start',
      '(((',
      ')',
      'content:text',
      '{content tags}: end',
      'café',
      'CAFE',
      '☕🎉',
      '😀 emoji only',
      '-',
      "'; DROP TABLE memories; --",
      '\u0000\u0001',
      'ünïcödé ✓ 日本語のテキスト',
    ];
    for (const query of hostile) {
      const result = await cortex.call('cortex_search', { query });
      expect(result.isError, `${query}: ${textOf(result)}`).toBeFalsy();
      expect(Array.isArray((result.structuredContent as { results: unknown[] }).results)).toBe(true);
    }
    const hit = async (query: string) =>
      (await cortex.ok<{ results: Hit[] }>('cortex_search', { query })).results.length;
    expect(await hit('state-of-the-art')).toBe(1);
    expect(await hit('NEAR(end text, 3)')).toBe(1);
    expect(await hit('CAFE')).toBe(1);
    expect(await hit('"quoted"')).toBe(1);
  });

  it('rejects an empty query and out-of-bounds arguments with errors naming the field', async () => {
    const cortex = await start();
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['cortex_search', { query: '   ' }, /query must not be empty/],
      ['cortex_search', { query: 'x'.repeat(LIMITS.queryChars + 1) }, /query must be at most/],
      ['cortex_search', { query: 'x', limit: LIMITS.maxLimit + 1 }, /limit must be at most 100/],
      ['cortex_search', { query: 'x', limit: 0 }, /limit must be at least 1/],
      ['cortex_store', { content: 'x'.repeat(LIMITS.contentChars + 1) }, /content must be at most/],
      ['cortex_store', { content: '' }, /content must not be empty/],
      ['cortex_store', { content: 'ok', importance: 2 }, /importance must be between 0 and 1/],
      [
        'cortex_store',
        { content: 'ok', tags: Array.from({ length: 40 }, (_, i) => `t${i}`) },
        /tags must hold at most/,
      ],
      ['cortex_retrieve', {}, /exactly one of id or ids/],
    ];
    for (const [tool, args, message] of cases) {
      const result = await cortex.call(tool, args);
      expect(result.isError, tool).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
  });

  it('refuses content with a lone surrogate, naming the field, and stores well-formed astral text exactly', async () => {
    const cortex = await start();
    // The SDK checks the arguments against the tool's zod schema first; its message names the issue and the path.
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ content: 'broken \uD83D text' }, /content holds a lone surrogate \(U\+D83D at index 7\).* at content$/],
      [{ content: 'low \uDE00 first' }, /content holds a lone surrogate \(U\+DE00 at index 4\)/],
      [{ content: 'ok', tags: ['fine', 'bad\uD800'] }, /tags holds a lone surrogate .* at tags\[1\]$/],
      [{ content: 'ok', workspaceId: '\uDBFF' }, /workspaceId holds a lone surrogate .* at workspaceId$/],
    ];
    for (const [args, message] of cases) {
      const result = await cortex.call('cortex_store', args);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
    const query = await cortex.call('cortex_search', { query: 'a\uD800' });
    expect(textOf(query)).toMatch(/query holds a lone surrogate .* at query$/);
    // The store refuses too when used in-process: INVALID_INPUT naming the field.
    const store = new CortexStore({ path: join(tmp(), 'direct.db') });
    expect(() => store.store({ content: 'x\uD800' })).toThrow(/content holds a lone surrogate/);
    expect(() => store.store({ content: 'x\uD800' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', data: { field: 'content' } }),
    );
    store.close();
    const exact = 'emoji \uD83D\uDE00 and \u00e9 stay exactly as given';
    const { id } = await cortex.ok('cortex_store', { content: exact });
    const got = await cortex.ok('cortex_retrieve', { id });
    expect((got as { memories: Array<{ content: string }> }).memories[0]!.content).toBe(exact);
  });

  it('cortex_retrieve returns whole memories, bumps access counts, and fails clearly on unknown ids', async () => {
    const cortex = await start();
    const { id } = await cortex.ok<{ id: string }>('cortex_store', {
      content: 'Use pnpm, not npm',
      tags: ['tooling'],
      importance: 0.9,
      agentId: 'a1',
      metadata: { source: 'review' },
    });
    const once = await cortex.ok<{ memories: Array<Record<string, unknown>> }>('cortex_retrieve', { id });
    expect(once.memories[0]).toMatchObject({
      id,
      content: 'Use pnpm, not npm',
      tags: ['tooling'],
      importance: 0.9,
      agentId: 'a1',
      metadata: { source: 'review' },
      accessCount: 1,
      archived: false,
      mergedInto: null,
      absorbed: [],
    });
    const twice = await cortex.ok<{ memories: Array<{ accessCount: number }> }>('cortex_retrieve', { ids: [id] });
    expect(twice.memories[0]!.accessCount).toBe(2);

    const unknown = await cortex.call('cortex_retrieve', { ids: [id, 'mem_missing'] });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toBe('NOT_FOUND: unknown memory id: mem_missing');
    const after = await cortex.ok<{ memories: Array<{ accessCount: number }> }>('cortex_retrieve', { id });
    expect(after.memories[0]!.accessCount).toBe(3);
  });

  it('cortex_consolidate merges near duplicates, keeping links, and dryRun changes nothing', async () => {
    const cortex = await start();
    const keep = await cortex.ok<{ id: string }>('cortex_store', {
      content: 'The staging database password rotates every 30 days',
      importance: 0.9,
    });
    const dup = await cortex.ok<{ id: string }>('cortex_store', {
      content: 'the staging database password rotates every 30 days!!',
      importance: 0.4,
    });
    const near = await cortex.ok<{ id: string }>('cortex_store', {
      content: 'The staging database password rotates every 30 days now',
      importance: 0.3,
      tags: ['security'],
    });
    await cortex.ok('cortex_store', { content: 'Production uses a different vault entirely' });

    const dry = await cortex.ok('cortex_consolidate', { dryRun: true });
    expect(dry).toMatchObject({ merged: 2, dryRun: true });
    const search = async () =>
      (await cortex.ok<{ results: Hit[] }>('cortex_search', { query: 'staging password' })).results;
    expect(await search()).toHaveLength(3);

    const real = await cortex.ok('cortex_consolidate', {});
    expect(real).toMatchObject({ merged: 2, archived: 0, dryRun: false, merges: [{ survivorId: keep.id }] });
    expect((real.merges as Array<{ absorbedIds: string[] }>)[0]!.absorbedIds.sort()).toEqual([dup.id, near.id].sort());
    expect((await search()).map((r) => r.id)).toEqual([keep.id]);

    const { memories } = await cortex.ok<{ memories: Array<Record<string, unknown>> }>('cortex_retrieve', {
      ids: [keep.id, near.id],
    });
    expect((memories[0]!.absorbed as string[]).sort()).toEqual([dup.id, near.id].sort());
    expect(memories[0]!.tags).toEqual(['security']);
    expect(memories[1]).toMatchObject({ mergedInto: keep.id, archived: true, content: expect.stringContaining('now') });
  });
});
