/** Log levels, quietest first. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** A logger writing one line per entry to stderr (stdout belongs to MCP). */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** Logger at `level` (default from `CORTEX_LOG_LEVEL`, else `info`). */
export function createLogger(level: string | undefined = process.env.CORTEX_LOG_LEVEL): Logger {
  const max = ORDER[(level as LogLevel) in ORDER ? (level as LogLevel) : 'info'];
  const at = (l: LogLevel) => (message: string) => {
    if (ORDER[l] <= max) process.stderr.write(`[cortex] ${new Date().toISOString()} ${l} ${message}\n`);
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
