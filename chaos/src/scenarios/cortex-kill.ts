import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cortexBinPath } from '@axon/cortex';
import { isMcpError, McpServerPool } from '@axon/mcp';
import type { Profile } from '../profile.js';
import { checked, zero, type Scenario } from '../scenario.js';
import { percentile } from '@axon/executor/internals';
import { round, sleep } from '../support/stats.js';

const KEY = 'chaos-stores';
const REQUEST_TIMEOUT = 10_000;

interface Store {
  i: number;
  startedAt: number;
  settledAt?: number;
  id?: string;
  code?: string;
  pendingAtKill?: boolean;
}

function poolFor(db: string): McpServerPool {
  return new McpServerPool({
    cortexBinaryPath: cortexBinPath,
    cortexEnv: { CORTEX_DB: db },
    mode: 'shared',
    requestTimeout: REQUEST_TIMEOUT,
    maxRetries: 10,
    idleTimeout: 0,
  });
}

/** Scenario 3: SIGKILL of Cortex while stores stream through McpServerPool. */
export const cortexKill: Scenario = {
  id: 'cortex-kill',
  title: 'SIGKILL of Cortex during stores',
  async run(profile: Profile) {
    const { stores, concurrency } = profile.cortexKill;
    const dir = mkdtempSync(join(tmpdir(), 'axon-chaos-cortex-'));
    const db = join(dir, 'cortex.db');
    const pool = poolFor(db);
    const all: Store[] = [];
    try {
      const { pid } = await pool.getOrCreate(KEY);
      if (!pid) throw new Error('the pool reported no Cortex pid');
      let next = 0;
      let acked = 0;
      let killAt = 0;
      const inFlight = new Set<Store>();
      const worker = async () => {
        while (next < stores) {
          const s: Store = { i: next++, startedAt: performance.now() };
          all.push(s);
          inFlight.add(s);
          try {
            const r = await pool.callTool(
              KEY,
              {
                name: 'cortex_store',
                arguments: { content: `chaos memory ${s.i} ${Math.random()}`, workspaceId: 'chaos' },
              },
              { throwOnToolError: true },
            );
            s.id = (r.structuredContent as { id?: string } | undefined)?.id;
            if (s.id) acked++;
          } catch (e) {
            s.code = isMcpError(e) ? e.code : `untyped: ${String(e)}`;
          } finally {
            s.settledAt = performance.now();
            inFlight.delete(s);
          }
          // Once the kill happened, stores keep coming at the same pace; the pool restarts Cortex.
        }
      };
      const workers = Array.from({ length: concurrency }, worker);
      const killer = (async () => {
        while (acked < stores * 0.4 && next < stores) await sleep(2);
        for (const s of inFlight) s.pendingAtKill = true;
        killAt = performance.now();
        process.kill(pid, 'SIGKILL');
      })();
      await Promise.all([...workers, killer]);
      await pool.shutdownAll();

      // Verify with a fresh Cortex on the same database: every acknowledged id must be there.
      const ackedIds = all.filter((s) => s.id).map((s) => s.id!);
      const verifier = poolFor(db);
      const found = new Set<string>();
      try {
        for (let i = 0; i < ackedIds.length; i += 100) {
          const r = await verifier.callTool(
            KEY,
            { name: 'cortex_retrieve', arguments: { ids: ackedIds.slice(i, i + 100) } },
            { throwOnToolError: true },
          );
          for (const m of (r.structuredContent as { memories: Array<{ id: string }> }).memories) found.add(m.id);
        }
      } finally {
        await verifier.shutdownAll();
      }
      const pending = all.filter((s) => s.pendingAtKill);
      const pendingFailed = pending.filter((s) => s.code);
      const failFast = pendingFailed.map((s) => s.settledAt! - killAt);
      const afterKill = all.filter((s) => s.startedAt > killAt);
      const untyped = all.filter((s) => s.code?.startsWith('untyped')).length;
      const codes = [...new Set(all.filter((s) => s.code).map((s) => s.code))].join(', ') || 'none';
      const maxFail = failFast.length ? Math.max(...failFast) : 0;
      return {
        how: `\`McpServerPool\` (shared mode, requestTimeout ${REQUEST_TIMEOUT / 1000} s) with the bundled Cortex on a fresh SQLite database gets ${stores} \`cortex_store\` calls, ${concurrency} in flight. When 40 % are acknowledged the Cortex process gets SIGKILL; the remaining stores keep coming (no retries) and the pool restarts Cortex. Afterwards a fresh Cortex on the same database retrieves every acknowledged id. "Pending" calls are those in flight at the kill.`,
        figures: [
          { name: 'stores acknowledged / failed', value: `${ackedIds.length} / ${all.length - ackedIds.length}` },
          zero('acknowledged stores missing after restart', ackedIds.filter((id) => !found.has(id)).length),
          zero('calls that never settled', stores - all.filter((s) => s.settledAt !== undefined).length),
          zero('calls failed with an untyped error', untyped),
          { name: 'error codes seen', value: codes },
          { name: 'calls pending at the kill / of them failed', value: `${pending.length} / ${pendingFailed.length}` },
          // The gate is logical, not a speed: a call failed by the kill (the connection's loss), not by its own
          // timeout, which could not fire before REQUEST_TIMEOUT. How fast is a figure to read (tens of ms when quiet).
          checked(
            'pending calls failed within (ms, max)',
            round(maxFail),
            `< ${REQUEST_TIMEOUT / 2} (half the ${REQUEST_TIMEOUT} ms timeout: failed by the kill, not the timeout)`,
            (v) => v < REQUEST_TIMEOUT / 2,
          ),
          { name: 'pending calls failed within (ms, p50)', value: round(percentile(failFast, 50) || 0) },
          checked(
            'stores acknowledged after the kill (restarted Cortex)',
            afterKill.filter((s) => s.id).length,
            '> 0',
            (v) => v > 0,
          ),
        ],
        notes: [],
      };
    } finally {
      await pool.shutdownAll().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
