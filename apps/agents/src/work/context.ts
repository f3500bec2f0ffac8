import type { CallTool } from '../cortex/result.js';

/** What a sample agent's work needs from its runtime (an adapter over runAgent's `ctx`). */
export interface WorkContext {
  /** Calls a tool through the runtime (counts against the task's budget). */
  callTool: CallTool;
  /** Aborted when the task is cancelled. */
  signal: AbortSignal;
  /** Reports progress (0..1) with a message. */
  progress(fraction: number, message: string): void;
  /** Writes a structured log line. */
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  /** Fallback root for scope paths. Default `process.cwd()`. */
  cwd?: string;
  /** The runtime's message bus (absent when the runtime offers none). */
  bus?: WorkBus;
}

/** The message bus as the sample agents use it (runAgent's `ctx.bus`). */
export interface WorkBus {
  /** Publishes `payload` on `topic`. */
  publish(topic: string, payload: unknown): void;
  /** Subscribes; resolves once the runtime confirmed, with an unsubscribe function. */
  subscribe(
    topic: string,
    handler: (message: { topic: string; payload: unknown; from?: string }) => void,
  ): Promise<() => Promise<void>>;
}

/** The bus topic a reviewer publishes on once its findings are stored: payload `{ workspaceId, taskId, findings, stored }`. */
export const REVIEW_COMPLETED_TOPIC = 'review.completed';

/** What every sample agent returns from `execute`: its output and usage (no LLM: zero tokens, zero cost). */
export interface WorkResult<O> {
  output: O;
  usage: { tokensUsed: number; costCents: number };
}

/** Throws a cancellation error when the task was cancelled. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) {
    const error = new Error('task cancelled');
    error.name = 'AbortError';
    throw error;
  }
}

/** Zero usage: the sample agents use no LLM. */
export const NO_USAGE = { tokensUsed: 0, costCents: 0 } as const;
