import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { configCommand } from './commands/config.js';
import { cortexCommand } from './commands/cortex.js';
import { doctorCommand } from './commands/doctor.js';
import { queryCommand } from './commands/query.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { statusCommand } from './commands/status.js';
import { logsCommand } from './commands/logs.js';
import { topCommand } from './commands/top.js';
import { submitCommand } from './commands/submit.js';
import { stopCommand } from './commands/stop.js';
import { workerCommand } from './commands/worker.js';
import { isCliError } from './errors/cli-error.js';
import { formatError } from './errors/format.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { printJson, println, type CliIo } from './output/io.js';

/** The version of @axon/cli (from its package.json, valid from src/ and dist/). */
export const CLI_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

function configureTree(cmd: Command, io: CliIo): void {
  cmd
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s), outputError: () => {} })
    .showSuggestionAfterError(true);
  for (const sub of cmd.commands) configureTree(sub, io);
}

/** Builds the `axon` program; `io` is where it writes. */
export function createProgram(io: CliIo): Command {
  const program = new Command('axon')
    .description('Axon: run agents as supervised processes, delegate tasks to them, talk to Cortex')
    .version(CLI_VERSION, '-v, --version', 'print the version')
    .option('-c, --config <file>', 'runtime config file (default: AXON_CONFIG, else axon.config.{json,yaml,yml} here)')
    .helpOption('-h, --help', 'show help')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 a task/check failed, 2 bad usage, 3 invalid input file, 4 runtime failure, 130 interrupted.\nDocs: docs/cli.md',
    );
  program.addCommand(runCommand(io));
  program.addCommand(queryCommand(io));
  program.addCommand(cortexCommand(io));
  program.addCommand(doctorCommand(io));
  program.addCommand(configCommand(io));
  program.addCommand(serveCommand(io));
  program.addCommand(statusCommand(io));
  program.addCommand(logsCommand(io));
  program.addCommand(topCommand(io));
  program.addCommand(submitCommand(io));
  program.addCommand(stopCommand(io));
  program.addCommand(workerCommand(io));
  configureTree(program, io);
  return program;
}

function usageMessage(error: CommanderError): string {
  return error.message.replace(/^error:\s*/, '').replace(/\s*\n\s*/g, ' ');
}

function usageLine(error: CommanderError): string {
  return `axon: USAGE: ${usageMessage(error)} (hint: run \`axon --help\` or \`axon <command> --help\`)`;
}

/**
 * Runs `axon` with `argv` (the arguments after the program name) and returns the exit code; never calls
 * `process.exit`. Errors are printed to `io.err` as one line: `axon: <CODE>: <message> (hint: …)`.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = { out: process.stdout, err: process.stderr },
): Promise<ExitCode> {
  const out = trackWrites(io.out);
  const program = createProgram({ out: out.stream, err: io.err });
  // With --json, stdout holds exactly one JSON document, also when the command fails before printing its own.
  const json = argv.includes('--json');
  const fail = (code: ExitCode, error: unknown, line: string): ExitCode => {
    println(io.err, line);
    if (json && !out.written()) printJson(io.out, jsonError(error, code));
    return code;
  };
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_CODES.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return EXIT_CODES.OK;
      return fail(EXIT_CODES.USAGE, Object.assign(new Error(usageMessage(error)), { code: 'USAGE' }), usageLine(error));
    }
    const code = isCliError(error) ? error.exitCode : EXIT_CODES.RUNTIME;
    const line = formatError(error);
    if (process.env.AXON_DEBUG === '1' && error instanceof Error && error.stack) {
      fail(code, error, line);
      println(io.err, error.stack);
      return code;
    }
    return fail(code, error, line);
  }
}

// The JSON document of a command that failed before printing its result.
function jsonError(error: unknown, exitCode: ExitCode): Record<string, unknown> {
  const c = (error as { code?: unknown } | null)?.code;
  const hint = isCliError(error) ? error.hint : undefined;
  return {
    success: false,
    error: {
      code: typeof c === 'string' ? c : 'INTERNAL_ERROR',
      message: error instanceof Error ? error.message : String(error),
      ...(hint !== undefined && { hint }),
      exitCode,
    },
  };
}

// Wraps a stream to know whether anything was written to it.
function trackWrites(stream: CliIo['out']): { stream: CliIo['out']; written(): boolean } {
  let written = false;
  const proxy = new Proxy(stream, {
    get(target, prop) {
      if (prop === 'write')
        return (...args: Parameters<typeof target.write>) => {
          written = true;
          return target.write(...args);
        };
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { stream: proxy, written: () => written };
}
