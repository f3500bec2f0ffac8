// Server
export { AxonServer } from './server.js';
export type { AxonServerOptions } from './server.js';
export { runServe } from './serve.js';
export type { RunServeOptions } from './serve.js';

// Configuration
export { loadServeConfig, parseServeConfig } from './config/load.js';
export type { ServeConfig } from './config/load.js';
export { ServerSectionSchema, MetricsSectionSchema, LogsSectionSchema, ServeExtrasSchema } from './config/schema.js';
export type { ServerSection, MetricsSection, LogsSection, ServeExtras } from './config/schema.js';

// Telemetry and logs
export { setupTelemetry, installTracing } from './telemetry/setup.js';
export type { Telemetry } from './telemetry/setup.js';
export { startLogSink, toLogRecord } from './logs/log-sink.js';
export type { AgentLogRecord } from './logs/log-sink.js';
export { eventLine, isNoisy } from './logs/event-line.js';

// Tasks
export { TaskTracker } from './tasks/task-tracker.js';
export type { TaskView, TaskStatus } from './tasks/task-tracker.js';

// HTTP
export { ApiError } from './http/api-error.js';
export type { ApiErrorCode } from './http/api-error.js';

// Clients
export { AdminClient, AdminApiError, locateServer } from './client/admin-client.js';
export type { ServerLocation } from './client/admin-client.js';
export { defaultStateDir, readState, stateFilePath } from './state/state-file.js';
export type { ServeState } from './state/state-file.js';
