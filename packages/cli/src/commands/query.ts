import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { AgentRuntime, LeadAgentWithRuntime, MessageBus, type QueryResult } from '@axon/core';
import { Command } from 'commander';
import { CliError } from '../errors/cli-error.js';
import { EXIT_CODES } from '../exit-codes.js';
import { printJson, println, type CliIo } from '../output/io.js';
import { formatDuration } from '../output/table.js';
import { innerMessage } from '../output/text.js';
import { bundledAgent, type BundledAgent } from '../util/agents.js';
import { loadRuntimeConfig, type GlobalOptions } from '../util/config.js';
import { onInterrupt } from '../util/interrupt.js';
import { queryPaths, ScopedLeadAgent } from '../query/scope.js';
import { AgentLogs } from '../run/agent-logs.js';

interface QueryOptions {
  workspace: string;
  verbose?: boolean;
  db?: string;
  session?: string;
  json?: boolean;
}

function printAnswer(io: CliIo, r: QueryResult): void {
  println(io.out, `strategy: ${r.strategy}`);
  println(io.out, r.summary);
  if (r.findings.length) {
    println(io.out, '\nfindings:');
    for (const f of r.findings.slice(0, 30))
      println(io.out, `  ${f.severity ?? '-'} ${f.file ? `${f.file}${f.line ? `:${f.line}` : ''} ` : ''}${f.message}`);
  }
  if (r.recommendations.length) {
    println(io.out, '\nrecommendations:');
    for (const rec of r.recommendations.slice(0, 20)) println(io.out, `  - ${rec}`);
  }
  println(
    io.out,
    `\n${r.quality.succeeded}/${r.quality.planned} delegation(s) succeeded, confidence ${r.quality.confidence.toFixed(2)}, ${formatDuration(r.quality.elapsedMs)}`,
  );
  for (const w of r.workers)
    println(
      io.out,
      `  ${w.workerId}: ${w.tasks} task(s), ${w.toolCalls} tool call(s), ${formatDuration(w.durationMs)}`,
    );
  for (const f of r.failures) println(io.out, `  failed: ${f.objective} (${f.code}: ${innerMessage(f.message)})`);
}

/** `axon query "<text>"`: LeadAgent plans delegations, the sample agents (developer, reviewer, tester) run them. */
export function queryCommand(io: CliIo): Command {
  return new Command('query')
    .description(
      'answer a query with the LeadAgent and the sample agents (developer, reviewer, tester); paths in the query become the scope',
    )
    .argument('<text...>', 'the query, e.g. "review src/auth for security issues"')
    .option('-w, --workspace <id>', 'workspace (Cortex scope)', 'default')
    .option('-s, --session <id>', 'session id (default: a new one)')
    .option('--db <path>', 'Cortex database for this query (passed to Cortex as --db)')
    .option('--json', 'print the synthesized result as JSON')
    .option('--verbose', 'show what the agents write (stderr, log messages) on stderr as it comes')
    .action(async (words: string[], opts: QueryOptions, cmd: Command) => {
      const query = words.join(' ');
      const cwd = process.cwd();
      // Checked before anything starts: a named path that does not exist is a usage error.
      const paths = queryPaths(query, cwd);
      const overrides = opts.db ? { mcp: { cortexArgs: ['mcp', 'stdio', '--db', resolve(opts.db)] } } : undefined;
      const config = loadRuntimeConfig(cmd.optsWithGlobals<GlobalOptions>(), overrides);
      const bus = new MessageBus();
      const logs = new AgentLogs(opts.verbose ? { echo: (text) => println(io.err, text) } : {});
      const unsubscribe = bus.subscribe((event) => logs.handle(event));
      const runtime = new AgentRuntime(config, bus);
      const interrupt = onInterrupt(io);
      interrupt.signal.addEventListener(
        'abort',
        () => void runtime.shutdown({ timeout: 5_000 }).catch(() => undefined),
        { once: true },
      );
      let result: QueryResult;
      try {
        await runtime.start();
        for (const name of ['developer', 'reviewer', 'tester'] satisfies BundledAgent[]) {
          const agent = bundledAgent(name);
          runtime.registerAgentType(name, {
            command: agent.command,
            args: agent.args,
            capabilities: agent.capabilities,
            minIdle: 0,
            max: 2,
          });
        }
        const lead = new LeadAgentWithRuntime(new ScopedLeadAgent(cwd, paths), runtime);
        result = await lead.handleQuery(query, opts.workspace, opts.session ?? randomUUID());
      } finally {
        interrupt.dispose();
        await runtime.shutdown({ timeout: 10_000 }).catch(() => undefined);
        unsubscribe();
      }
      if (interrupt.signal.aborted)
        throw new CliError('INTERRUPTED', 'interrupted: the runtime was shut down gracefully');
      if (opts.json) printJson(io.out, result);
      else printAnswer(io, result);
      if (result.quality.succeeded === 0) {
        const empty = result.failures.some((f) => f.message.includes('nothing to'));
        throw new CliError('TASKS_FAILED', `no delegation succeeded (${result.failures.length} failed)`, {
          exitCode: EXIT_CODES.TASK_FAILED,
          hint: empty
            ? `name a file or folder of ${cwd} in the query, e.g. "review src for security issues"`
            : 'the failures are listed above; --verbose shows what the agents wrote; `axon doctor` checks the machine',
        });
      }
    });
}
