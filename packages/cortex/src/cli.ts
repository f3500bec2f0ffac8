#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createLogger } from './cli/log.js';
import { runStdio } from './cli/run-stdio.js';
import { resolveDbPath } from './default-db-path.js';
import { isCortexError } from './errors.js';
import { CORTEX_VERSION } from './version.js';

const USAGE = `Usage: cortex mcp stdio [--db PATH] [--sync normal|full]

Serve the Cortex memory over MCP on stdin/stdout.

Options:
  --db PATH      database file (default: $CORTEX_DB, else the per-user data directory)
  --sync LEVEL   normal (default: survives process death) or full (also survives power loss)
  -h, --help     show this help
  -v, --version  show the version
`;

async function main(argv: string[]): Promise<number> {
  const log = createLogger();
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        sync: { type: 'string', default: process.env.CORTEX_SYNC ?? 'normal' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    process.stderr.write(`cortex: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stderr.write(USAGE);
    return 0;
  }
  if (values.version) {
    process.stderr.write(`${CORTEX_VERSION}\n`);
    return 0;
  }
  if (positionals.join(' ') !== 'mcp stdio') {
    process.stderr.write(`cortex: unknown command "${positionals.join(' ')}"\n\n${USAGE}`);
    return 2;
  }
  const sync = values.sync.toUpperCase();
  if (sync !== 'NORMAL' && sync !== 'FULL') {
    process.stderr.write(`cortex: --sync must be normal or full, got "${values.sync}"\n`);
    return 2;
  }
  try {
    await runStdio({ dbPath: resolveDbPath({ flag: values.db }), synchronous: sync, log });
    return -1;
  } catch (error) {
    log.error(isCortexError(error) ? `${error.code}: ${error.message}` : String((error as Error).stack ?? error));
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exit(code);
});
