import type { Synchronous } from '../store/open-database.js';
import { serveCortexHttp } from '../server/http-server.js';
import type { Logger } from './log.js';

/**
 * Serves MCP over Streamable HTTP until SIGTERM/SIGINT/SIGHUP, then closes every session and the database and exits.
 * Prints `listening <url>` on stdout once it accepts connections.
 */
export async function runHttp(options: {
  dbPath: string;
  synchronous: Synchronous;
  log: Logger;
  token: string;
  port: number;
  host: string;
}): Promise<void> {
  const { log } = options;
  const server = await serveCortexHttp({
    dbPath: options.dbPath,
    synchronous: options.synchronous,
    token: options.token,
    port: options.port,
    host: options.host,
  });
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    log.info(`stopping: ${reason}`);
    server
      .close()
      .catch((error: unknown) => log.error(`close failed: ${(error as Error).message}`))
      .finally(() => process.exit(0));
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
  process.stdout.write(`listening ${server.url}\n`);
  log.info(`serving MCP over Streamable HTTP at ${server.url}, database ${options.dbPath} (pid ${process.pid})`);
}
