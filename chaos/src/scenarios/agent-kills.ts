import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isRuntimeError, type AgentRuntime, type RuntimeConfigInput } from '@axon/core';
import type { Profile } from '../profile.js';
import { checked, zero, type Figure, type Scenario } from '../scenario.js';
import { NODE, fixture } from '../support/paths.js';
import { eventsOf, startRuntime } from '../support/runtime.js';
import { percentile } from '@axon/executor/internals';
import { round, sleep } from '../support/stats.js';
import { checkRestarts } from './restart-policy.js';

const RECOVERY = {
  restartBackoffBase: 100,
  restartBackoffMax: 2_000,
  maxRestartAttempts: 5,
  taskMaxAttempts: 4,
  failureThreshold: 1_000,
  breakerCooldown: 1_000,
};

type TaskResult = Awaited<ReturnType<AgentRuntime['submit']>>;
type Outcome =
  { kind: 'result'; result: TaskResult } | { kind: 'typed'; code: string } | { kind: 'untyped'; error: unknown };

/** Scenario 1: random SIGKILLs of busy agents during a stream of submitted tasks with retries on. */
export const agentKills: Scenario = {
  id: 'agent-kills',
  title: 'SIGKILL of busy agents during tasks, retries on',
  async run(profile: Profile) {
    const p = profile.kills;
    const config: RuntimeConfigInput = {
      process: { maxConcurrentProcesses: p.agents + 2, shutdownGracePeriod: 2_000 },
      recovery: RECOVERY,
    };
    const env = await startRuntime(config);
    const { runtime, dir, events } = env;
    try {
      runtime.registerAgentType('chaos-worker', {
        command: NODE,
        args: [fixture('worker.mjs'), dir],
        capabilities: ['chaos-work'],
        minIdle: p.agents,
        max: p.agents,
      });
      const outcomes = new Map<string, Outcome>();
      const latencies: number[] = [];
      const t0 = Date.now();
      const all = Array.from({ length: p.tasks }, (_, i) => {
        const taskId = `t${String(i).padStart(5, '0')}`;
        const started = performance.now();
        const delegation = {
          taskId,
          objective: `chaos task ${i}`,
          boundaries: { scope: ['chaos'], timeout: 20_000 },
          requiredCapabilities: ['chaos-work'],
          context: { workMs: 40 + ((i * 37) % 120), store: i % 4 === 0 },
        };
        return runtime.submit(delegation).then(
          (result) => {
            latencies.push(performance.now() - started);
            outcomes.set(taskId, { kind: 'result', result });
          },
          (error: unknown) =>
            outcomes.set(
              taskId,
              isRuntimeError(error) ? { kind: 'typed', code: error.code } : { kind: 'untyped', error },
            ),
        );
      });

      // Kill a random busy agent each time another slice of the tasks has settled, so kills spread over the run.
      const killedAt: number[] = [];
      let kills = 0;
      let settled = false;
      const everything = Promise.all(all).then(() => void (settled = true));
      const step = (p.tasks * 0.85) / p.kills;
      while (!settled && kills < p.kills && Date.now() - t0 < p.deadlineMs) {
        if (outcomes.size >= Math.floor(kills * step)) {
          const busy = runtime.processManager.list().filter((a) => a.state === 'busy' && a.pid > 0);
          const victim = busy[Math.floor(Math.random() * busy.length)];
          if (victim) {
            try {
              process.kill(victim.pid, 'SIGKILL');
              kills++;
              killedAt.push(Date.now() - t0);
            } catch {
              /* exited meanwhile; pick again */
            }
          }
        }
        await sleep(5 + Math.random() * 30);
      }
      await Promise.race([everything, sleep(Math.max(0, p.deadlineMs - (Date.now() - t0)))]);
      const wallMs = Date.now() - t0;

      const ledger = readLedger(dir);
      const committed = readCommits(dir);
      const results = [...outcomes.values()].filter(
        (o): o is Extract<Outcome, { kind: 'result' }> => o.kind === 'result',
      );
      const typed = [...outcomes.values()].filter((o): o is Extract<Outcome, { kind: 'typed' }> => o.kind === 'typed');
      const untyped = [...outcomes.values()].filter((o) => o.kind === 'untyped').length;
      const hung = p.tasks - outcomes.size;
      const completions = new Map<string, number>();
      for (const l of ledger) if (l.event === 'done') completions.set(l.taskId, (completions.get(l.taskId) ?? 0) + 1);
      const twice =
        [...completions.values()].filter((n) => n > 1).length + ledger.filter((l) => l.event === 'double').length;
      // A result the runtime accepted must be the one committed completion of that task (a replay returns it too).
      const unrecorded = results.filter((r) => {
        const commit = committed.get(r.result.task.taskId);
        const output = r.result.output as { attempt?: unknown; process?: unknown } | null;
        return !commit || commit.attempt !== output?.attempt || commit.process !== output?.process;
      }).length;
      const overlapping = overlappingRetries(ledger);
      const outputs = results.map((r) => r.result.output as { stored?: boolean | null } | null);
      const retried = results.filter((r) => r.result.attempt > 1).length;
      const replays = ledger.filter((l) => l.event === 'replay').length;
      const failedCodes = countBy(typed.map((t) => t.code));
      const restarts = checkRestarts(events, RECOVERY);

      const figures: Figure[] = [
        { name: 'tasks submitted', value: p.tasks },
        checked('agents SIGKILLed while busy', kills, `${p.kills}`, (v) => v === p.kills),
        { name: 'tasks with a result', value: results.length },
        {
          name: 'tasks with a typed error',
          value:
            typed.length === 0
              ? 0
              : `${typed.length} (${Object.entries(failedCodes)
                  .map(([c, n]) => `${c} ×${n}`)
                  .join(', ')})`,
        },
        zero('tasks failed with an untyped error', untyped),
        zero(`tasks hung (unsettled at the ${p.deadlineMs / 1000} s deadline)`, hung),
        zero('tasks lost (result without a committed completion)', unrecorded),
        zero('tasks run to completion twice', twice),
        zero("retries started while the previous attempt's process still ran", overlapping),
        { name: 'tasks that succeeded on a retry', value: retried },
        { name: 'answers lost after completion, replayed by idempotency key', value: replays },
        {
          name: 'Cortex stores of the results, ok / tried',
          value: `${outputs.filter((o) => o?.stored === true).length} / ${outputs.filter((o) => typeof o?.stored === 'boolean').length}`,
        },
        { name: 'restarts scheduled / done', value: `${restarts.scheduled} / ${restarts.restarted}` },
        zero('restarts outside the backoff policy', restarts.violations.length),
        {
          name: 'restart Ready later than its backoff delay (spawn time), p50 / max (ms)',
          value: `${round(restarts.latenessP50)} / ${round(restarts.latenessMax)}`,
        },
        {
          name: 'task latency, submit → result incl. queueing, p50 / p99 (ms)',
          value: `${round(percentile(latencies, 50))} / ${round(percentile(latencies, 99))}`,
        },
        { name: 'wall time (s)', value: round(wallMs / 1000) },
      ];
      const notes = restarts.violations.slice(0, 5);
      if (eventsOf(events, 'recovery.gave-up').length > 0)
        notes.push(`${eventsOf(events, 'recovery.gave-up').length} agent(s) used up their restarts`);
      return {
        how: `A runtime with one agent type (${p.agents} warm agents of chaos/fixtures/worker.mjs, each task sleeps 40–160 ms and every fourth stores to Cortex) gets ${p.tasks} tasks through \`submit\` at once, retry policy \`taskMaxAttempts: ${RECOVERY.taskMaxAttempts}\` on AGENT_CRASHED. Each time another ${round(step, 0)} tasks have settled, a random Busy agent gets SIGKILL (${p.kills} in all). Agents commit each completion exactly once (a marker per taskId, linked into place from a fully written file, so a kill leaves no half-written marker; logged to a ledger with every attempt's start); a retry of an already committed task replays the committed output. A retry whose previous attempt's process still logs after the retry started is counted as overlapping. Restarts are checked against \`restartBackoffBase ${RECOVERY.restartBackoffBase} ms\`, doubling, ±20 % jitter, cap ${RECOVERY.restartBackoffMax} ms, at most ${RECOVERY.maxRestartAttempts} in a row.`,
        figures,
        notes,
      };
    } finally {
      await env.close();
    }
  },
};

interface LedgerLine {
  event: string;
  taskId: string;
  attempt: number;
  /** The agent process that wrote the line (pid and a random tag: pids repeat across PID namespaces). */
  process: string;
  /** Epoch ms. */
  at: number;
}

function readLedger(dir: string): LedgerLine[] {
  let text = '';
  try {
    text = readFileSync(join(dir, 'ledger.log'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [event = '', taskId = '', attempt = '0', process = '', at = '0'] = line.split(' ');
      return { event, taskId, attempt: Number(attempt), process, at: Number(at) };
    });
}

// The committed completion of each task: its marker file (complete by construction, see fixtures/worker.mjs).
function readCommits(dir: string): Map<string, { attempt: unknown; process: unknown }> {
  const out = new Map<string, { attempt: unknown; process: unknown }>();
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.done')) continue;
    try {
      out.set(name.slice(0, -'.done'.length), JSON.parse(readFileSync(join(dir, name), 'utf8')));
    } catch {
      /* not a complete commit: its task's result counts as lost */
    }
  }
  return out;
}

// Retries whose previous attempt's process wrote to the ledger after the retry started: the runtime gave up on an
// attempt (and ran the task again) while the process running it was alive.
function overlappingRetries(ledger: readonly LedgerLine[]): number {
  const lastSeen = new Map<string, number>();
  for (const l of ledger) lastSeen.set(l.process, Math.max(lastSeen.get(l.process) ?? 0, l.at));
  const previous = new Map<string, LedgerLine>();
  let n = 0;
  for (const l of ledger) {
    if (l.event !== 'start') continue;
    const before = previous.get(l.taskId);
    if (before && (lastSeen.get(before.process) ?? 0) > l.at) n++;
    previous.set(l.taskId, l);
  }
  return n;
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
