import { resolve } from 'node:path';
import { McpServerPool, type McpToolResult } from '@axon/mcp';
import { Command, Option } from 'commander';
import { CliError } from '../errors/cli-error.js';
import { EXIT_CODES } from '../exit-codes.js';
import { printJson, println, type CliIo } from '../output/io.js';
import { renderTable } from '../output/table.js';
import { loadRuntimeConfig, type GlobalOptions } from '../util/config.js';
import { definedOnly, parseIntOption, parseNumberOption } from '../util/options.js';

interface CortexOptions extends GlobalOptions {
  db?: string;
  json?: boolean;
}

/** Calls one Cortex tool through a short-lived shared McpServerPool (the runtime's MCP config, discovery included). */
async function callCortex(
  options: CortexOptions,
  name: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const config = loadRuntimeConfig(options);
  const mcp = definedOnly(config.mcp as Record<string, unknown>);
  const cortexEnv = {
    ...((mcp.cortexEnv as Record<string, string> | undefined) ?? {}),
    ...(options.db ? { CORTEX_DB: resolve(options.db) } : {}),
  };
  const pool = new McpServerPool({ ...mcp, mode: 'shared', idleTimeout: 0, cortexEnv });
  let result: McpToolResult;
  try {
    result = await pool.callTool('axon-cli', { name, arguments: args });
  } finally {
    await pool.shutdownAll();
  }
  if (result.isError) {
    const text = result.content
      .map((b) => (b as { text?: string }).text ?? '')
      .join(' ')
      .trim();
    throw new CliError('CORTEX_ERROR', `${name} failed: ${text || 'no details'}`, {
      exitCode: EXIT_CODES.TASK_FAILED,
      hint: 'check the arguments; `axon cortex <command> --help` lists them',
    });
  }
  return result.structuredContent ?? { content: result.content };
}

function withCommon(cmd: Command): Command {
  return cmd
    .option('--db <path>', 'Cortex database file (sets CORTEX_DB for the server)')
    .option('--json', 'print the raw result as JSON');
}

interface Hit {
  id: string;
  score: number;
  kind: string;
  snippet: string;
}
interface Memory {
  id: string;
  kind: string;
  tags: string[];
  importance: number;
  createdAt: string;
  content: string;
  workspaceId: string | null;
}

/** `axon cortex search|store|retrieve|consolidate`. */
export function cortexCommand(io: CliIo): Command {
  const cortex = new Command('cortex').description(
    'talk to Cortex directly (through @axon/mcp, with the same discovery as the runtime)',
  );

  withCommon(cortex.command('search').description('search memories').argument('<query...>', 'free text'))
    .option('-n, --limit <n>', 'most results (1-100)', parseIntOption('--limit', { min: 1, max: 100 }))
    .option('-w, --workspace <id>', 'only this workspace')
    .option('-s, --session <id>', 'only this session')
    .option('-k, --kind <kind...>', 'only these kinds')
    .option('-t, --tag <tag...>', 'only memories with every one of these tags')
    .action(
      async (
        words: string[],
        opts: CortexOptions & { limit?: number; workspace?: string; session?: string; kind?: string[]; tag?: string[] },
        cmd: Command,
      ) => {
        const o = { ...cmd.optsWithGlobals<CortexOptions>(), ...opts };
        const result = await callCortex(
          o,
          'cortex_search',
          definedOnly({
            query: words.join(' '),
            limit: o.limit,
            workspaceId: o.workspace,
            sessionId: o.session,
            kinds: o.kind,
            tags: o.tag,
          }),
        );
        if (o.json) return printJson(io.out, result);
        const hits = (result.results as Hit[] | undefined) ?? [];
        if (hits.length === 0) return println(io.out, 'no memories found');
        println(
          io.out,
          renderTable(
            ['score', 'id', 'kind', 'snippet'],
            hits.map((h) => [Number(h.score.toFixed(3)), h.id, h.kind, h.snippet.replace(/\s+/g, ' ').slice(0, 80)]),
          ),
        );
      },
    );

  withCommon(
    cortex
      .command('store')
      .description('store a memory ("-" reads the content from stdin)')
      .argument('<content...>', 'the text to remember'),
  )
    .option('-k, --kind <kind>', 'kind of memory (default "note")')
    .option('-t, --tag <tag...>', 'tags')
    .option(
      '-i, --importance <0..1>',
      'importance, 0 to 1 (default 0.5)',
      parseNumberOption('--importance', { min: 0, max: 1 }),
    )
    .option('-w, --workspace <id>', 'workspace (dedupe and search scope)')
    .option('-s, --session <id>', 'session')
    .action(
      async (
        words: string[],
        opts: CortexOptions & {
          kind?: string;
          tag?: string[];
          importance?: number;
          workspace?: string;
          session?: string;
        },
        cmd: Command,
      ) => {
        const o = { ...cmd.optsWithGlobals<CortexOptions>(), ...opts };
        const content = words.length === 1 && words[0] === '-' ? await readStdin() : words.join(' ');
        const result = await callCortex(
          o,
          'cortex_store',
          definedOnly({
            content,
            kind: o.kind,
            tags: o.tag,
            importance: o.importance,
            workspaceId: o.workspace,
            sessionId: o.session,
          }),
        );
        if (o.json) return printJson(io.out, result);
        println(
          io.out,
          result.deduplicated ? `already stored as ${String(result.id)} (deduplicated)` : `stored ${String(result.id)}`,
        );
      },
    );

  withCommon(
    cortex.command('retrieve').description('retrieve whole memories by id').argument('<id...>', 'memory ids'),
  ).action(async (ids: string[], opts: CortexOptions, cmd: Command) => {
    const o = { ...cmd.optsWithGlobals<CortexOptions>(), ...opts };
    const result = await callCortex(o, 'cortex_retrieve', ids.length === 1 ? { id: ids[0] } : { ids });
    if (o.json) return printJson(io.out, result);
    for (const m of (result.memories as Memory[] | undefined) ?? []) {
      println(
        io.out,
        `${m.id}  ${m.kind}  importance ${m.importance.toFixed(2)}  ${m.createdAt}${m.tags.length ? `  [${m.tags.join(', ')}]` : ''}`,
      );
      println(io.out, `  ${m.content.replace(/\n/g, '\n  ')}`);
    }
  });

  withCommon(cortex.command('consolidate').description('merge duplicates, decay and archive old memories'))
    .addOption(new Option('--dry-run', 'report what would change, change nothing'))
    .option('-w, --workspace <id>', 'only this workspace')
    .action(async (opts: CortexOptions & { dryRun?: boolean; workspace?: string }, cmd: Command) => {
      const o = { ...cmd.optsWithGlobals<CortexOptions>(), ...opts };
      const result = await callCortex(
        o,
        'cortex_consolidate',
        definedOnly({ dryRun: o.dryRun, workspaceId: o.workspace }),
      );
      if (o.json) return printJson(io.out, result);
      println(
        io.out,
        `${o.dryRun ? 'would merge' : 'merged'} ${String(result.merged)}, archived ${String(result.archived)}, decayed ${String(result.decayed)}`,
      );
    });

  return cortex;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
