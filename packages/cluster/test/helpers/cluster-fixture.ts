// What a cluster test file starts — a redis-server, a client, worker hosts — stopped after its tests.
import { afterAll } from 'vitest';
import type { ClusterClient } from '../../src/index.js';
import { stopHost, type Host } from './hosts.js';
import type { RedisServer } from './redis-server.js';

/** The parts a test fills in; `afterAll` closes the client, stops every host, then Redis. */
export interface ClusterFixture {
  redis?: RedisServer;
  client?: ClusterClient;
  hosts: Host[];
}

/** Registers the `afterAll` that stops what the returned fixture holds; call it inside `describe`. */
export function clusterFixture(): ClusterFixture {
  const f: ClusterFixture = { hosts: [] };
  afterAll(async () => {
    await f.client?.close();
    await Promise.all(f.hosts.map(stopHost));
    await f.redis?.stop();
  }, 30_000);
  return f;
}
