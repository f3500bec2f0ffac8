import { isRuntimeError } from '@axon/core';
import type { Profile } from '../profile.js';
import { checked, type Figure, type Scenario } from '../scenario.js';
import { NODE, fixture } from '../support/paths.js';
import { eventsOf, startRuntime } from '../support/runtime.js';
import { round } from '../support/stats.js';

const MiB = 1024 ** 2;
const FD_CAP = 256;

/** The stopping limits: mode of chaos/fixtures/hog.mjs, the limit it must hit and the per-agent limits given. */
const STOPPING = [
  {
    mode: 'leak',
    limit: 'memory',
    limits: { maxMemoryBytes: 160 * MiB },
    what: `memory leak (maxMemoryBytes 160 MiB)`,
  },
  {
    mode: 'spin',
    limit: 'cpu',
    limits: { cpuLimitPercent: 10, cpuLimitWindowMs: 1_500 },
    what: 'CPU spin (cpuLimitPercent 10 for 1.5 s)',
  },
  {
    mode: 'flood',
    limit: 'output',
    limits: { maxOutputSizeBytes: 4 * MiB },
    what: 'stdout flood (maxOutputSizeBytes 4 MiB)',
  },
] as const;

/** Scenario 5: agents that leak memory, spin the CPU, flood stdout or open files without end. */
export const limits: Scenario = {
  id: 'limits',
  title: 'Runaway agents stopped at their limits',
  async run(_profile: Profile) {
    const env = await startRuntime({
      process: { maxConcurrentProcesses: 8, shutdownGracePeriod: 2_000 },
      monitoring: { metricsInterval: 500, heartbeatTimeout: 60_000 },
    });
    const { runtime, events } = env;
    try {
      const figures: Figure[] = [];
      const stopping = STOPPING.map(async (s) => {
        const id = await runtime.spawnAgent(`hog-${s.mode}`, 'chaos-hog', NODE, [fixture('hog.mjs')], {
          limits: s.limits,
          autoRestart: false,
        });
        const t0 = performance.now();
        const code = await runtime
          .executeTask(id, {
            objective: s.mode,
            boundaries: { scope: ['chaos'], timeout: 120_000 },
            context: { mode: s.mode },
          })
          .then(
            () => 'completed (not stopped)',
            (e: unknown) =>
              isRuntimeError(e)
                ? `${e.code}${typeof e.data.limit === 'string' ? ` (${e.data.limit})` : ''}`
                : `untyped: ${String(e)}`,
          );
        const ms = performance.now() - t0;
        const failure = runtime.processManager.get(id)?.failure;
        const event = eventsOf(events, 'health.limit-exceeded').find((e) => e.agentId === id);
        const ok =
          failure?.code === 'RESOURCE_LIMIT_EXCEEDED' &&
          (failure.data as { limit?: string } | undefined)?.limit === s.limit &&
          event?.limit === s.limit;
        return { s, code, ms, failure, event, ok };
      });
      const files = (async () => {
        const id = await runtime.spawnAgent('hog-files', 'chaos-hog', NODE, [fixture('hog.mjs')], {
          limits: { maxFileDescriptors: FD_CAP },
          autoRestart: false,
        });
        const r = await runtime.executeTask(id, {
          objective: 'files',
          boundaries: { scope: ['chaos'], timeout: 60_000 },
          context: { mode: 'files' },
        });
        const again = await runtime.executeTask(id, {
          objective: 'files again',
          boundaries: { scope: ['chaos'], timeout: 60_000 },
          context: { mode: 'files' },
        });
        return {
          out: r.output as { atCap: number; opened: number; code: string },
          again: again.output as { atCap: number },
        };
      })();
      for (const r of await Promise.all(stopping)) {
        figures.push(
          checked(
            `${r.s.what}: stopped with RESOURCE_LIMIT_EXCEEDED, limit "${r.s.limit}"`,
            r.ok ? 1 : 0,
            '1',
            (v) => v === 1,
          ),
          {
            name: `${r.s.mode}: measured value at the stop / limit`,
            value: r.event
              ? `${fmt(r.event.limit, r.event.value)} / ${fmt(r.event.limit, r.event.max)}`
              : 'no limit event',
          },
          checked(
            `${r.s.mode}: the task fails with RESOURCE_LIMIT_EXCEEDED naming the limit`,
            r.code === `RESOURCE_LIMIT_EXCEEDED (${r.s.limit})` ? 1 : 0,
            '1',
            (v) => v === 1,
          ),
          { name: `${r.s.mode}: task error code / stopped after (s)`, value: `${r.code} / ${round(r.ms / 1000)}` },
        );
      }
      const f = await files;
      figures.push(
        checked(
          `open files without end (maxFileDescriptors ${FD_CAP}): refused with EMFILE`,
          f.out.code === 'EMFILE' ? 1 : 0,
          '1',
          (v) => v === 1,
        ),
        checked(
          'files: descriptors held when the kernel refused',
          f.out.atCap,
          `${FD_CAP} ± 2`,
          (v) => Math.abs(v - FD_CAP) <= 2,
        ),
        checked(
          'files: the agent kept working (second run reached the same cap)',
          f.again.atCap,
          `${FD_CAP} ± 2`,
          (v) => Math.abs(v - FD_CAP) <= 2,
        ),
      );
      return {
        how: `Four agents (chaos/fixtures/hog.mjs) under one \`AgentRuntime\` (resource sampling every 500 ms; a spinning agent stays above 10 % of a core even on a loaded machine), each with small per-agent limits and auto-restart off, run one task each at the same time: one leaks memory (8 MiB every 20 ms), one spins the CPU, one floods stdout with 64 KiB lines, one opens /dev/null until refused. Memory, CPU and output are enforced by @axon/process: the agent is stopped, \`AgentInfo.failure\` is RESOURCE_LIMIT_EXCEEDED with the limit's name, and \`health.limit-exceeded\` is published. Open files are capped by the kernel (\`ulimit -n\` before exec): opens fail with EMFILE at the cap and the agent is not stopped, by design (docs/limits-and-isolation.md).`,
        figures,
        notes: [
          "The task running on a stopped agent fails with RESOURCE_LIMIT_EXCEEDED, `data.limit` naming the limit (not retried by default: the same task would likely break the same limit); the agent's own failure (`getAgent(id).lastFailure`, `AgentInfo.failure`) carries the same code.",
        ],
      };
    } finally {
      await env.close();
    }
  },
};

function fmt(limit: string, v: number): string {
  return limit === 'cpu' ? `${round(v)} %` : `${round(v / MiB)} MiB`;
}
