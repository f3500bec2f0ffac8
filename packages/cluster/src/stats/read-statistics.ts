import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ClusterKeys } from '../keys.js';
import { sumReports, type ClusterStatistics, type HostReport } from './host-stats.js';

const COUNTED_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

/** Reads every host's latest report (dropping those older than `staleAfter` ms) and the counts of their queues. */
export async function readClusterStatistics(
  redis: Redis,
  keys: ClusterKeys,
  staleAfter: number,
  queue: (name: string) => Queue,
): Promise<ClusterStatistics> {
  const raw = await redis.hgetall(keys.hosts);
  const now = Date.now();
  const hosts: HostReport[] = [];
  const stale: string[] = [];
  for (const [id, json] of Object.entries(raw)) {
    try {
      const report = JSON.parse(json) as HostReport;
      if (now - report.at <= staleAfter) hosts.push(report);
      else stale.push(id);
    } catch {
      stale.push(id);
    }
  }
  if (stale.length > 0) await redis.hdel(keys.hosts, ...stale);
  hosts.sort((a, b) => a.hostId.localeCompare(b.hostId));
  const names = [...new Set(hosts.flatMap((h) => h.queues))].sort();
  const queues: ClusterStatistics['queues'] = {};
  for (const name of names) queues[name] = await queue(name).getJobCounts(...COUNTED_STATES);
  return { hosts, totals: sumReports(hosts), queues };
}
