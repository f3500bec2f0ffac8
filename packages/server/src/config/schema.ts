import { z } from 'zod';
import { DurationSchema } from '@axon/agent';
import { AgentTypeSpecSchema } from '@axon/core';

// ms, or "30s"-style strings (the runtime's one duration grammar).
const duration = DurationSchema;

/** `server`: where the admin API listens and how clients authenticate. */
export const ServerSectionSchema = z.strictObject({
  /** Interface to bind. Default `127.0.0.1` (local only; anything else exposes the admin API to the network). */
  host: z.string().min(1).default('127.0.0.1'),
  /** TCP port; 0 picks a free one. Default 7070. */
  port: z.number().int().min(0).max(65_535).default(7070),
  /** Bearer token clients must send. Default: read from `tokenFile`, generated (32 random bytes) when absent. */
  token: z.string().min(16).optional(),
  /** File holding the token (created 0600). Default `<stateDir>/token`. */
  tokenFile: z.string().min(1).optional(),
  /** Directory of the state file (`serve.json`: url, pid, token file) clients read. Default `$XDG_STATE_HOME/axon` or `~/.local/state/axon`. */
  stateDir: z.string().min(1).optional(),
  /** Largest request body accepted, bytes. Default 1 MiB. */
  bodyLimit: z
    .number()
    .int()
    .min(1)
    .default(1024 * 1024),
  /** Finished tasks kept for `GET /api/tasks`. Default 200. */
  recentTasks: z.number().int().min(1).max(100_000).default(200),
  /** How long SIGTERM waits for running tasks before cancelling them. Default: the runtime's shutdown timeout. */
  drainTimeout: duration.optional(),
});

/** `monitoring.metrics`: where the runtime's OpenTelemetry metrics go. */
export const MetricsSectionSchema = z.strictObject({
  /** Serve Prometheus text format at `/metrics` on the admin server (bearer token, like every route). Default true. */
  prometheus: z.boolean().default(true),
  /** OTLP/HTTP export of metrics (and traces, when `traces` is on) to a collector. */
  otlp: z
    .strictObject({
      /** Collector base URL, e.g. `http://127.0.0.1:4318` (`/v1/metrics` and `/v1/traces` are appended). */
      endpoint: z.url(),
      /** Export interval of metrics. Default 15 s. */
      interval: duration.default(15_000),
      /** Extra HTTP headers (e.g. an API key). Default `{}`. */
      headers: z.record(z.string(), z.string()).default({}),
      /** Also export traces. Default true. */
      traces: z.boolean().default(true),
    })
    .optional(),
});

/** `monitoring.logs`: agent logs aggregated as structured records (agent, task, level, message, data). */
export const LogsSectionSchema = z.strictObject({
  /** Where records go: `stdout`, `file`, or `off`. Default `off` (events still reach `axon logs`). */
  destination: z.enum(['stdout', 'file', 'off']).default('off'),
  /** Log file when `destination` is `file` (rotated as `<file>.1`, `<file>.2`, …). */
  file: z.string().min(1).optional(),
  /** Rotate when the file reaches this size, e.g. `"10m"` (pino-roll syntax). Default `"10m"`. */
  maxSize: z.string().min(1).default('10m'),
  /** Rotated files kept. Default 5. */
  keep: z.number().int().min(1).max(1000).default(5),
  /** Lowest level written. Default `info`. */
  level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

/** The parts of a serve config that `axon serve` adds to a runtime config. */
export const ServeExtrasSchema = z.strictObject({
  /** Agent types of the worker pool, by name (`command`, `args`, `minIdle`, `max`, …). Default none. */
  agentTypes: z.record(z.string().min(1), AgentTypeSpecSchema).default({}),
  server: ServerSectionSchema.default(ServerSectionSchema.parse({})),
  metrics: MetricsSectionSchema.default(MetricsSectionSchema.parse({})),
  logs: LogsSectionSchema.default(LogsSectionSchema.parse({})),
});

/** Server section, validated. */
export type ServerSection = z.output<typeof ServerSectionSchema>;
/** Metrics section, validated. */
export type MetricsSection = z.output<typeof MetricsSectionSchema>;
/** Logs section, validated. */
export type LogsSection = z.output<typeof LogsSectionSchema>;
/** Serve additions, validated. */
export type ServeExtras = z.output<typeof ServeExtrasSchema>;
