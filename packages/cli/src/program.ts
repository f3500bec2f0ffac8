import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { configCommand } from './commands/config.js';
import { cortexCommand } from './commands/cortex.js';
import { doctorCommand } from './commands/doctor.js';
import { queryCommand } from './commands/query.js';
import { runCommand } from './commands/run.js';
import { isCliError } from './errors/cli-error.js';
import { formatError } from './errors/format.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { println, type CliIo } from './output/io.js';

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
  configureTree(program, io);
  return program;
}

function usageLine(error: CommanderError): string {
  const message = error.message.replace(/^error:\s*/, '').replace(/\s*\n\s*/g, ' ');
  return `axon: USAGE: ${message} (hint: run \`axon --help\` or \`axon <command> --help\`)`;
}

/**
 * Runs `axon` with `argv` (the arguments after the program name) and returns the exit code; never calls
 * `process.exit`. Errors are printed to `io.err` as one line: `axon: <CODE>: <message> (hint: …)`.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = { out: process.stdout, err: process.stderr },
): Promise<ExitCode> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_CODES.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return EXIT_CODES.OK;
      println(io.err, usageLine(error));
      return EXIT_CODES.USAGE;
    }
    println(io.err, formatError(error));
    if (process.env.AXON_DEBUG === '1' && error instanceof Error && error.stack) println(io.err, error.stack);
    if (isCliError(error)) return error.exitCode;
    return EXIT_CODES.RUNTIME;
  }
}
