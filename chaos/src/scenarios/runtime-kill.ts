import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Profile } from '../profile.js';
import { checked, zero, type Scenario } from '../scenario.js';
import { NODE, fixture } from '../support/paths.js';
import { hasProc, killAll, processesWithMarker } from '../support/proc.js';
import { round, sleep } from '../support/stats.js';

interface HostReady {
  ready: number;
  pids: number[];
  platform: { pdeathsig: boolean; pidNamespace: string; notes: string[] };
}

/** Scenario 2: SIGKILL of a runtime process whose agents each have a grandchild; who survives? */
export const runtimeKill: Scenario = {
  id: 'runtime-kill',
  title: 'SIGKILL of the runtime with agents that have grandchildren',
  async run(profile: Profile) {
    if (!hasProc()) throw new Error('this scenario scans /proc (Linux only)');
    const { agents, graceMs } = profile.runtimeKill;
    const marker = `axon-chaos-${randomUUID()}`;
    const host = spawn(NODE, [fixture('runtime-host.mjs'), marker, String(agents)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    host.stderr.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-4_000)));
    const exited = new Promise<void>((r) => host.once('exit', () => r()));
    try {
      const ready = await new Promise<HostReady>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`runtime host not ready within 180 s; stderr: ${stderr}`)),
          180_000,
        );
        createInterface({ input: host.stdout }).once('line', (line) => {
          clearTimeout(timer);
          resolve(JSON.parse(line) as HostReady);
        });
        host.once('exit', (code) =>
          reject(new Error(`runtime host exited with ${code} before ready; stderr: ${stderr}`)),
        );
      });
      // Grandchildren start before runAgent; give the last ones a moment to exec.
      await sleep(300);
      const before = processesWithMarker(marker).filter((p) => p.pid !== host.pid);
      const grandchildren = before.filter((p) => p.cmdline.includes('grandchild')).length;
      const killedAt = performance.now();
      host.kill('SIGKILL');
      await exited;
      let goneAfter = Number.NaN;
      let survivors = before.length;
      while (performance.now() - killedAt < graceMs) {
        survivors = processesWithMarker(marker).length;
        if (survivors === 0) {
          goneAfter = performance.now() - killedAt;
          break;
        }
        await sleep(20);
      }
      const left = processesWithMarker(marker);
      killAll(left.map((p) => p.pid));
      const p = ready.platform;
      return {
        how: `chaos/fixtures/runtime-host.mjs runs an \`AgentRuntime\` in a child process and spawns ${agents} agents (chaos/fixtures/family-agent.mjs), each of which starts one grandchild; every one of them (and their isolation wrappers) carries a unique marker in its command line. When all are Ready the host gets SIGKILL; /proc is scanned every 20 ms for processes with the marker for ${graceMs / 1000} s. Isolation on this machine: parent-death signal ${p.pdeathsig ? 'yes' : 'no'}, PID namespace ${p.pidNamespace}.`,
        figures: [
          checked('agents Ready under the runtime', ready.ready, `${agents}`, (v) => v === agents),
          checked('grandchildren alive before the kill', grandchildren, `${agents}`, (v) => v === agents),
          { name: 'processes with the marker before the kill (agents, grandchildren, wrappers)', value: before.length },
          zero(`survivors ${graceMs / 1000} s after the SIGKILL`, left.length),
          {
            name: 'all gone after (ms)',
            value: Number.isNaN(goneAfter) ? `not within ${graceMs} ms` : round(goneAfter),
          },
        ],
        notes:
          left.length > 0
            ? [
                `survivors: ${left
                  .slice(0, 5)
                  .map((s) => `${s.pid} ${s.cmdline}`)
                  .join('; ')}`,
              ]
            : [],
      };
    } finally {
      if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
      killAll(processesWithMarker(marker).map((p) => p.pid));
    }
  },
};
