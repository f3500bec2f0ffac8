import { sandboxSupport } from '@axon/sandbox';
import { ESCAPE_ATTEMPTS } from '../escape/index.js';
import { runAttempts } from '../escape/run.js';
import { renderEscapeTable } from '../escape/table.js';
import { checked, zero, type Scenario } from '../scenario.js';

/** Scenario 7: a hostile agent in a sandbox tries every escape of the suite; the control run shows they can work. */
export const escape: Scenario = {
  id: 'escape',
  title: 'A hostile agent in a sandbox: every escape attempt fails',
  async run() {
    const support = await sandboxSupport();
    if (!support.available) throw new Error(`no sandbox on this machine: ${support.missing}`);
    const uid = process.getuid?.() ?? -1;
    const results = await runAttempts(ESCAPE_ATTEMPTS, { sandboxed: true, maxProcesses: 64 });
    const control = await runAttempts(
      ESCAPE_ATTEMPTS.filter((a) => a.control),
      { sandboxed: false, maxProcesses: 64 },
    );
    const escapes = results.filter((r) => r.escaped);
    const allowed = results.find((r) => r.id === 'net.allowed-name');
    return {
      how: `As uid ${uid}. An \`AgentRuntime\` with \`process.sandbox\` (the repository readable, an allowlist of one name served by a local HTTP server registered under it) spawns chaos/fixtures/hostile-agent.mjs with maxProcesses 64; the runtime's environment holds three secrets, a secret file sits beside the workspace, a TCP port is served on the host loopback. Each row is one task in which the agent tries one escape for real; the suite checks the effect itself (file on the host, secret text, process counts). The control run repeats the harmless attempts with an unsandboxed agent, to show that they do succeed without a sandbox (so a 0 above is not a broken check).`,
      figures: [
        { name: 'attempts', value: results.length },
        zero('escapes (sandboxed)', escapes.length),
        // An attempt that could not be made proves nothing: it fails the run instead of counting as held.
        zero('attempts that could not be made (error)', results.filter((r) => r.outcome.startsWith('error:')).length),
        checked(
          'allowed host reached through the proxy',
          allowed?.outcome.startsWith('reached') ? 1 : 0,
          '1',
          (v) => v === 1,
        ),
        checked(
          'control: attempts that succeed without a sandbox',
          control.filter((r) => r.escaped).length,
          `>= 1 of ${control.length}`,
          (v) => v >= 1,
        ),
      ],
      notes: [
        renderEscapeTable(results),
        `Control (unsandboxed): ${control.map((r) => `${r.id} ${r.escaped ? 'escaped' : 'held'} (${r.outcome})`).join('; ')}.`,
      ],
    };
  },
};
