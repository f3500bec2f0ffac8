import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Synchronous } from '../store/open-database.js';
import { createCortexServer } from '../server/create-server.js';
import type { Logger } from './log.js';

/**
 * Serves MCP on this process's stdin/stdout until stdin closes or SIGTERM/SIGINT/SIGHUP arrives, then closes the
 * database and exits. (The SDK transport does not end the process when stdin closes; this does.)
 */
export async function runStdio(options: { dbPath: string; synchronous: Synchronous; log: Logger }): Promise<void> {
  const { log } = options;
  const cortex = createCortexServer({ dbPath: options.dbPath, synchronous: options.synchronous });
  let stopping = false;
  const stop = (reason: string, code = 0): void => {
    if (stopping) return;
    stopping = true;
    log.info(`stopping: ${reason}`);
    cortex
      .close()
      .catch((error: unknown) => log.error(`close failed: ${(error as Error).message}`))
      .finally(() => process.exit(code));
  };
  process.stdin.on('end', () => stop('stdin closed'));
  process.stdin.on('close', () => stop('stdin closed'));
  process.stdout.on('error', (error) => stop(`stdout: ${error.message}`));
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
  const transport = new StdioServerTransport();
  transport.onerror = (error) => log.warn(`transport: ${error.message}`);
  await cortex.mcp.connect(transport);
  const ro = cortex.store.readOnly;
  log.info(`serving MCP on stdio, database ${options.dbPath}${ro ? ` READ-ONLY (${ro})` : ''} (pid ${process.pid})`);
}
