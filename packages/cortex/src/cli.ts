#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createLogger } from './cli/log.js';
import { runHttp } from './cli/run-http.js';
import { runStdio } from './cli/run-stdio.js';
import { resolveDbPath } from './default-db-path.js';
import { isCortexError } from './errors.js';
import { CORTEX_VERSION } from './version.js';

const USAGE = `Usage: cortex mcp stdio [--db PATH] [--sync normal|full]
       cortex mcp http --port N [--host ADDR] [--token TOKEN] [--db PATH] [--sync normal|full]

Serve the Cortex memory over MCP on stdin/stdout, or over Streamable HTTP at http://ADDR:N/mcp for other hosts.

Options:
  --db PATH      database file (default: $CORTEX_DB, else the per-user data directory)
  --sync LEVEL   normal (default: survives process death) or full (also survives power loss)
  --port N       http: TCP port (0 = any free one; the URL is printed as "listening <url>")
  --host ADDR    http: address to listen on (default 127.0.0.1; 0.0.0.0 serves other hosts)
  --token TOKEN  http: bearer token clients must send, >= 16 characters (default: $CORTEX_TOKEN; prefer the
                 environment, a command line is visible to other users)
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
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        token: { type: 'string' },
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
  const command = positionals.join(' ');
  if (command !== 'mcp stdio' && command !== 'mcp http') {
    process.stderr.write(`cortex: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  const sync = values.sync.toUpperCase();
  if (sync !== 'NORMAL' && sync !== 'FULL') {
    process.stderr.write(`cortex: --sync must be normal or full, got "${values.sync}"\n`);
    return 2;
  }
  if (command === 'mcp http') {
    const port = Number(values.port);
    const token = values.token ?? process.env.CORTEX_TOKEN ?? '';
    if (values.port === undefined || !Number.isInteger(port) || port < 0 || port > 65_535) {
      process.stderr.write(`cortex: --port must be an integer 0-65535, got "${values.port ?? ''}"\n`);
      return 2;
    }
    if (token.length < 16) {
      process.stderr.write('cortex: --token (or CORTEX_TOKEN) must be at least 16 characters\n');
      return 2;
    }
    try {
      const dbPath = resolveDbPath({ flag: values.db });
      await runHttp({ dbPath, synchronous: sync, log, token, port, host: values.host });
      return -1;
    } catch (error) {
      log.error(isCortexError(error) ? `${error.code}: ${error.message}` : String((error as Error).stack ?? error));
      return 1;
    }
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
