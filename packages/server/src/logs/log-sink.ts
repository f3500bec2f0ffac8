import pino, { type Logger } from 'pino';
import type { AgentRuntime, RuntimeEvent } from '@axon/core';
import type { LogsSection } from '../config/schema.js';

/** One aggregated agent log record. */
export interface AgentLogRecord {
  /** Agent id. */
  agent: string;
  /** Agent name. */
  agentName: string | undefined;
  /** The task it belongs to: as the agent said, else the task running on the agent. */
  task: string | undefined;
  /** Level (`info` for plain stderr lines). */
  level: 'debug' | 'info' | 'warn' | 'error';
  /** The message (the line, for plain stderr lines). */
  message: string;
  /** Structured data the agent sent with it. */
  data?: unknown;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** Turns an `agent.log` event into a structured record; `runningTask` says what the agent is running. */
export function toLogRecord(
  e: Extract<RuntimeEvent, { type: 'agent.log' }>,
  agentName: string | undefined,
  runningTask: string | undefined,
): AgentLogRecord {
  return {
    agent: e.agentId,
    agentName,
    task: e.taskId ?? runningTask,
    level: e.level ?? 'info',
    message: e.level !== undefined && e.line.startsWith(`[${e.level}] `) ? e.line.slice(e.level.length + 3) : e.line,
    ...(e.data !== undefined && { data: e.data }),
  };
}

/**
 * Writes agents' logs as structured JSON records (pino) to stdout or to a size-rotated file (pino-roll), as
 * `monitoring.logs` says. Returns the function that stops it and flushes.
 */
export function startLogSink(
  runtime: AgentRuntime,
  config: LogsSection,
  runningTask: (agentId: string) => string | undefined,
): () => Promise<void> {
  if (config.destination === 'off') return async () => undefined;
  const destination =
    config.destination === 'stdout'
      ? pino.destination({ fd: 1, sync: false })
      : pino.transport({
          target: 'pino-roll',
          options: { file: config.file, size: config.maxSize, limit: { count: config.keep }, mkdir: true },
        });
  const logger: Logger = pino({ level: config.level, base: { source: 'agent' } }, destination);
  const min = LEVELS.indexOf(config.level);
  const unsubscribe = runtime.subscribe({ type: 'agent.log' }, (e) => {
    if (e.type !== 'agent.log') return;
    const r = toLogRecord(e, runtime.getAgent(e.agentId)?.name, runningTask(e.agentId));
    if (LEVELS.indexOf(r.level) < min) return;
    const { level, message, ...fields } = r;
    logger[level](fields, message);
  });
  return async () => {
    unsubscribe();
    await new Promise<void>((resolve) => {
      logger.flush(() => resolve());
    });
    if (config.destination !== 'file') return;
    // The transport's worker is unref'd: a ref'd timer keeps the process alive until it has written and closed.
    await new Promise<void>((resolve) => {
      const keepAlive = setTimeout(resolve, 5_000);
      destination.once('close', () => {
        clearTimeout(keepAlive);
        resolve();
      });
      destination.end();
    });
  };
}
