import type { Profile } from '../profile.js';
import { checked, type Scenario } from '../scenario.js';
import { NODE, fixture } from '../support/paths.js';
import { eventsOf, startRuntime } from '../support/runtime.js';

const MiB = 1024 ** 2;

/** Scenario 4: an agent writes random and mutated frames between valid ones; the runtime must count each and go on. */
export const badFrames: Scenario = {
  id: 'bad-frames',
  title: 'Random and mutated frames from an agent',
  async run(profile: Profile) {
    const { bad, valid } = profile.frames;
    const env = await startRuntime({ process: { maxConcurrentProcesses: 4 } });
    const { runtime, events } = env;
    try {
      const id = await runtime.spawnAgent('garbage', 'chaos-garbage', NODE, [fixture('garbage.mjs')], {
        limits: { maxOutputSizeBytes: 256 * MiB },
      });
      let badFrameEvents = 0;
      const off = runtime.processManager.subscribe(
        (e) => void (e.type === 'bad-frame' && e.id === id && badFrameEvents++),
      );
      const rss0 = process.memoryUsage.rss();
      const result = await runtime.executeTask(id, {
        taskId: 'frames',
        objective: 'write garbage',
        boundaries: { scope: ['chaos'], timeout: 240_000 },
        context: { bad, valid, seed: 7 },
      });
      const out = result.output as { sent: Record<string, number>; bad: number; valid: number };
      // One more task: the agent and the runtime still work.
      const after = await runtime.executeTask(id, {
        taskId: 'after',
        objective: 'still alive',
        boundaries: { scope: ['chaos'], timeout: 60_000 },
        context: { bad: 0, valid: 1, seed: 8 },
      });
      off();
      const counted = runtime.processManager.get(id)?.badFrames ?? -1;
      const progress = eventsOf(events, 'task.progress').filter(
        (e) => e.taskId === 'frames' && e.message?.startsWith('chaos-valid-'),
      ).length;
      const rss1 = process.memoryUsage.rss();
      return {
        how: `One agent (chaos/fixtures/garbage.mjs, spawned by an \`AgentRuntime\`) runs a task that writes ${bad} bad frames to stdout, each of one of ${Object.keys(out.sent).length} kinds picked at random (seeded), with ${valid} valid \`task/progress\` notifications spread among them, then answers. Every bad frame is built so that it must be rejected exactly once. The runtime's count (\`AgentInfo.badFrames\`, \`bad-frame\` events) is compared with what the agent sent; then a second task runs on the same agent.`,
        figures: [
          checked('bad frames sent', out.bad, `${bad}`, (v) => v === bad),
          checked('bad frames counted by the runtime', counted, `${out.bad} (as sent)`, (v) => v === out.bad),
          checked('bad-frame events published', badFrameEvents, `${out.bad}`, (v) => v === out.bad),
          checked('valid frames delivered (task.progress events)', progress, `${out.valid}`, (v) => v === out.valid),
          // executeTask resolves only for a completed task (failures reject): reaching here means both answered.
          checked('task answered despite the garbage', result.task.taskId === 'frames' ? 1 : 0, '1', (v) => v === 1),
          checked('next task on the same agent succeeded', after.task.taskId === 'after' ? 1 : 0, '1', (v) => v === 1),
          { name: 'agent state afterwards', value: runtime.processManager.get(id)?.state ?? 'gone' },
          { name: 'runtime RSS before / after (MiB)', value: `${Math.round(rss0 / MiB)} / ${Math.round(rss1 / MiB)}` },
        ],
        notes: [
          `kinds sent: ${Object.entries(out.sent)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}`,
        ],
      };
    } finally {
      await env.close();
    }
  },
};
