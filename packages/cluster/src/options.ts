import { ClusterError } from './errors/cluster-error.js';

/** Options every cluster participant (client or worker host) shares. */
export interface ClusterConnectionOptions {
  /** Redis URL, `redis://[:password@]host:port[/db]` or `rediss://…`. Required. */
  redis: string;
  /** Namespace of every key and channel, so that several clusters can share one Redis. Default `"axon"`. */
  prefix?: string;
  /** How long a committed task outcome is kept (for late or duplicate submits), ms. Default 86 400 000 (24 h). */
  resultTtl?: number;
  /** Bound of one bus message crossing hosts (serialized JSON), bytes. Default 262 144 (256 KiB). */
  maxBusMessageBytes?: number;
  /** A worker host's report older than this no longer counts in the cluster statistics, ms. Default 10 000. */
  staleAfter?: number;
}

/** Default of {@link ClusterConnectionOptions.resultTtl}. */
export const DEFAULT_RESULT_TTL = 86_400_000;
/** Default of {@link ClusterConnectionOptions.staleAfter}. */
export const DEFAULT_STALE_AFTER = 10_000;

/** Checks that `value` is a positive integer (or absent); throws `INVALID_ARGUMENT` naming `path`. */
export function positiveInt(value: unknown, path: string, def: number): number {
  if (value === undefined) return def;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw new ClusterError('INVALID_ARGUMENT', `${path} must be a positive integer, got ${JSON.stringify(value)}`, {
    data: { path },
  });
}
