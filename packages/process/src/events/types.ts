import type { AgentState } from '../state/states.js';

/** Every event a ProcessManager publishes; `type` discriminates, `id` is the agent, `at` is epoch ms. */
export type ProcessEvent =
  | { type: 'state'; id: string; at: number; from: AgentState; to: AgentState; reason?: string }
  | { type: 'spawned'; id: string; at: number; pid: number }
  | { type: 'ready'; id: string; at: number; capabilities: string[] }
  | { type: 'exit'; id: string; at: number; exitCode: number | null; signal: string | null }
  | ({ type: 'log'; id: string; at: number; line: string } & LogFields)
  | { type: 'heartbeat'; id: string; at: number; state?: string; taskId?: string }
  | { type: 'heartbeat-timeout'; id: string; at: number; lastHeartbeatAt: number; timeoutMs: number }
  | { type: 'limit-exceeded'; id: string; at: number; limit: LimitName; value: number; max: number }
  | { type: 'bad-frame'; id: string; at: number; code: number; message: string }
  | { type: 'resources'; id: string; at: number; cpuPercent: number; memoryBytes: number }
  /** A sandboxed agent's connection attempt through its network proxy (allowlist policies only). */
  | { type: 'network'; id: string; at: number; host: string; port: number; allowed: boolean; reason?: string };

/** The limits the manager enforces. */
export type LimitName = 'memory' | 'cpu' | 'output' | 'stdin';

/** A listener of {@link ProcessEvent}s. */
export type ProcessEventListener = (event: ProcessEvent) => void;

/** What a structured `log` notification adds to a log line (absent for stderr lines). */
export interface LogFields {
  /** The record's level. */
  level?: 'debug' | 'info' | 'warn' | 'error';
  /** The record's `data`, as the agent sent it (untrusted JSON). */
  data?: unknown;
  /** The task the record belongs to, as the agent said. */
  taskId?: string;
}
