import { randomUUID } from 'node:crypto';
import { RUNTIME_MCP_KEY } from '@axon/core/internals';
import type { Profile } from '../profile.js';
import { checked, zero, type Scenario } from '../scenario.js';
import { NODE, fixture } from '../support/paths.js';
import { environOf, hasProc, processesWithMarker } from '../support/proc.js';
import { startRuntime } from '../support/runtime.js';
import { waitFor } from '../support/stats.js';

const SECRET_NAMES = ['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'GITHUB_TOKEN', 'OPENAI_API_KEY', 'DATABASE_URL'];

/** Scenario 6: secrets in the runtime's environment must not reach any agent, grandchild or Cortex. */
export const secrets: Scenario = {
  id: 'secrets',
  title: 'Secrets in the runtime environment do not reach agents',
  async run(profile: Profile) {
    if (!hasProc()) throw new Error('this scenario reads /proc/<pid>/environ (Linux only)');
    const { directAgents, pooledAgents } = profile.secrets;
    const marker = `axon-chaos-env-${randomUUID()}`;
    const values = Object.fromEntries(SECRET_NAMES.map((n) => [n, `chaos-${n.toLowerCase()}-${randomUUID()}`]));
    const saved = Object.fromEntries(SECRET_NAMES.map((n) => [n, process.env[n]]));
    Object.assign(process.env, values);
    const env = await startRuntime({
      process: {
        maxConcurrentProcesses: directAgents + pooledAgents + 2,
        environment: { CHAOS_CONFIGURED: 'visible' },
      },
    }).finally(() => {
      for (const n of SECRET_NAMES)
        if (saved[n] === undefined) delete process.env[n];
        else process.env[n] = saved[n];
    });
    // The runtime keeps reading process.env at every spawn: put the secrets back while it runs.
    Object.assign(process.env, values);
    const { runtime } = env;
    try {
      const args = [fixture('family-agent.mjs'), marker];
      const direct = await Promise.all(
        Array.from({ length: directAgents }, (_, i) => runtime.spawnAgent(`env-${i}`, 'chaos-env-direct', NODE, args)),
      );
      runtime.registerAgentType('chaos-env', {
        command: NODE,
        args,
        capabilities: ['chaos-env'],
        minIdle: pooledAgents,
        max: pooledAgents,
        env: { CHAOS_TYPE_ENV: 'visible' },
      });
      await waitFor(() => runtime.listAgents().filter((a) => a.pid > 0).length >= directAgents + pooledAgents, 60_000);
      const task = (i: number) => ({
        objective: `env ${i}`,
        boundaries: { scope: ['chaos'], timeout: 60_000 },
        context: {},
      });
      const reports = [
        ...(await Promise.all(direct.map((id, i) => runtime.executeTask(id, task(i))))),
        ...(await Promise.all(
          Array.from({ length: pooledAgents * 2 }, (_, i) =>
            runtime.submit({ ...task(i), requiredCapabilities: ['chaos-env'] }),
          ),
        )),
      ].map((r) => r.output as { envNames: string[] });
      await runtime.callTool('cortex_search', { query: 'chaos' });
      const cortexPid = (await runtime.mcpPool.getOrCreate(RUNTIME_MCP_KEY)).pid;

      // Grandchildren start as their agent starts; give the newest ones a moment to exec.
      const agentCount = runtime.listAgents().length;
      await waitFor(
        () => processesWithMarker(marker).filter((p) => p.cmdline.includes('grandchild')).length >= agentCount,
        10_000,
      );
      const procs = processesWithMarker(marker);
      const inspected = [...procs.map((p) => p.pid), ...(cortexPid ? [cortexPid] : [])];
      const environs = inspected.map((pid) => ({ pid, env: environOf(pid) }));
      const unreadable = environs.filter((e) => e.env.length === 0).length;
      const leaks = environs.filter((e) =>
        e.env.some((kv) => SECRET_NAMES.some((n) => kv.startsWith(`${n}=`) || kv.includes(values[n]!))),
      );
      const reportedLeaks = reports.filter((r) => r.envNames.some((n) => SECRET_NAMES.includes(n))).length;
      const agentPids = new Set(runtime.listAgents().map((a) => a.pid));
      const configured = environs.filter(
        (e) => agentPids.has(e.pid) && e.env.includes('CHAOS_CONFIGURED=visible'),
      ).length;
      const agents = agentPids.size;
      const grandchildren = procs.filter((p) => p.cmdline.includes('grandchild')).length;
      return {
        how: `${SECRET_NAMES.join(', ')} are set in the runtime's own environment. An \`AgentRuntime\` (with \`process.environment: { CHAOS_CONFIGURED: 'visible' }\`) spawns ${directAgents} agents with \`spawnAgent\` and ${pooledAgents} through a pooled agent type (chaos/fixtures/family-agent.mjs, each with a grandchild), and starts Cortex. Every process carrying the scenario's marker (agents, grandchildren, isolation wrappers) and the Cortex server has its /proc/<pid>/environ searched for the names and the values of the secrets; agents also report their own \`process.env\` names.`,
        figures: [
          { name: 'processes inspected (agents, grandchildren, wrappers, Cortex)', value: inspected.length },
          checked(
            'agents inspected',
            agents,
            `${directAgents + pooledAgents}`,
            (v) => v === directAgents + pooledAgents,
          ),
          checked('grandchildren inspected', grandchildren, `${agents}`, (v) => v === agents),
          zero('environments that could not be read', unreadable),
          zero('processes whose environment holds a secret (name or value)', leaks.length),
          zero('agents reporting a secret in process.env', reportedLeaks),
          checked(
            'agents that did get the configured CHAOS_CONFIGURED (the check can see variables)',
            configured,
            `${agents}`,
            (v) => v === agents,
          ),
        ],
        notes: leaks.slice(0, 5).map(
          (l) =>
            `pid ${l.pid} holds ${l.env
              .filter((kv) => SECRET_NAMES.some((n) => kv.startsWith(`${n}=`)))
              .map((kv) => kv.split('=')[0])
              .join(', ')}`,
        ),
      };
    } finally {
      for (const n of SECRET_NAMES)
        if (saved[n] === undefined) delete process.env[n];
        else process.env[n] = saved[n];
      await env.close();
    }
  },
};
