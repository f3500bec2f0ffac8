import { Redis } from 'ioredis';
import { ClusterError, isClusterError } from '../errors/cluster-error.js';

/** How a connection behaves while Redis is away. */
export type RedisRole = 'client' | 'worker';

/** Default key prefix of a cluster. */
export const DEFAULT_PREFIX = 'axon';

/**
 * Opens an ioredis connection (not yet connected: call `connect()`). `client` connections fail commands at once while
 * Redis is unreachable (no offline queue: a submit must fail fast); `worker` connections queue them and reconnect
 * forever with a capped backoff (BullMQ workers need `maxRetriesPerRequest: null`).
 */
export function openRedis(url: string, role: RedisRole, name: string): Redis {
  const reconnect = (times: number): number => Math.min(100 * times, 2_000);
  return new Redis(url, {
    lazyConnect: true,
    connectionName: name,
    retryStrategy: reconnect,
    ...(role === 'client'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 }
      : { maxRetriesPerRequest: null, enableOfflineQueue: true }),
  });
}

/** Connects `redis` (at most `timeout` ms), or throws `REDIS_UNAVAILABLE` naming the address. */
export async function connectRedis(redis: Redis, url: string, timeout = 5_000): Promise<void> {
  if (redis.status === 'ready') return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.status === 'wait' ? redis.connect() : waitReady(redis),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeout} ms`)), timeout);
      }),
    ]);
  } catch (cause) {
    throw unavailable(cause, url);
  } finally {
    clearTimeout(timer);
  }
}

function waitReady(redis: Redis): Promise<void> {
  return new Promise((resolve) => redis.once('ready', () => resolve()));
}

/** Wraps a Redis failure as `REDIS_UNAVAILABLE` (a ClusterError is returned as is). */
export function unavailable(cause: unknown, url: string): ClusterError {
  if (isClusterError(cause)) return cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ClusterError('REDIS_UNAVAILABLE', `Redis at ${redactUrl(url)} is unreachable: ${reason}`, {
    cause,
    data: { redis: redactUrl(url) },
  });
}

/** The URL without its password (for messages and logs). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid Redis URL)';
  }
}

/** Validates a Redis URL (`redis://` or `rediss://`); throws `INVALID_ARGUMENT` naming `path`. */
export function checkRedisUrl(url: unknown, path = 'redis'): string {
  if (typeof url === 'string') {
    try {
      const u = new URL(url);
      if (u.protocol === 'redis:' || u.protocol === 'rediss:') return url;
    } catch {
      // fall through to the error below
    }
  }
  throw new ClusterError(
    'INVALID_ARGUMENT',
    `${path} must be a redis:// or rediss:// URL, got ${JSON.stringify(url)}`,
    {
      data: { path },
    },
  );
}
