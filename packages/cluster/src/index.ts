// Submit side
export { ClusterClient } from './client/cluster-client.js';
export type { ClusterClientOptions, ClusterSubmitOptions } from './client/cluster-client.js';
export type { TaskJobData } from './client/job-data.js';

// Worker side
export { ClusterWorker } from './worker/cluster-worker.js';
export type { ClusterWorkerOptions } from './worker/cluster-worker.js';
export { readWorkerFile } from './worker/worker-file.js';
export type { WorkerFile, ReadWorkerFileOptions } from './worker/worker-file.js';
export { DEFAULT_MAX_CHECKPOINT_BYTES } from './worker/checkpoint-writer.js';

// Shared
export type { ClusterConnectionOptions } from './options.js';
export { DEFAULT_RESULT_TTL, DEFAULT_STALE_AFTER } from './options.js';
export { DEFAULT_PREFIX } from './redis/connect.js';
export { queueFor, queuesServed, ANY_QUEUE, MAX_ROUTED_CAPABILITIES } from './routing.js';
export { BusBridge, DEFAULT_MAX_BUS_MESSAGE_BYTES } from './bus/bus-bridge.js';
export type { BusBridgeStats } from './bus/bus-bridge.js';
export type { ClusterStatistics, HostReport, WorkerCounters } from './stats/host-stats.js';
export type { WireOutcome } from './wire.js';

// Errors
export { ClusterError, isClusterError, CLUSTER_ERROR_CODES } from './errors/cluster-error.js';
export type { ClusterErrorCode } from './errors/cluster-error.js';
