import type { RuntimeAgentInfo, RuntimeEvent } from '@axon/core';
import { Command } from 'commander';
import { CliError } from '../errors/cli-error.js';
import { println, type CliIo } from '../output/io.js';
import { adminClient, withAdminOptions, type AdminOptions } from '../util/admin.js';
import { parseIntOption } from '../util/options.js';
import { onInterrupt } from '../util/interrupt.js';

function pick(agents: RuntimeAgentInfo[], ref: string): RuntimeAgentInfo {
  const a = agents.find((x) => x.id === ref) ?? agents.find((x) => x.name === ref);
  if (!a)
    throw new CliError('INVALID_ARGUMENT', `no agent "${ref}"`, {
      hint: `known agents: ${agents.map((x) => x.name).join(', ') || 'none'}`,
    });
  return a;
}

/** `axon logs [agent] [-f]`: agents' log buffers, and new lines as they come with `--follow`. */
export function logsCommand(io: CliIo): Command {
  return withAdminOptions(
    new Command('logs')
      .description("print agents' logs (one agent by name or id, or all); -f follows new lines")
      .argument('[agent]', 'agent name or id (default: every agent)')
      .option('-f, --follow', 'keep printing new lines until interrupted')
      .option('-n, --lines <n>', 'lines of each buffer to print first', parseIntOption('--lines'), 50),
  ).action(async (ref: string | undefined, o: AdminOptions & { follow?: boolean; lines: number }) => {
    const client = adminClient(o);
    const agents = await client.agents();
    const chosen = ref === undefined ? agents : [pick(agents, ref)];
    const names = new Map(agents.map((a) => [a.id, a.name]));
    for (const a of chosen) for (const line of await client.logs(a.id, o.lines)) println(io.out, `${a.name} | ${line}`);
    if (!o.follow) return;
    const interrupt = onInterrupt(io);
    const only = ref === undefined ? undefined : chosen[0]!.id;
    try {
      await client.events((e: RuntimeEvent) => {
        // Agents started while following (a pool growing) are named from their spawn event, not shown by id.
        if (e.type === 'agent.spawned') names.set(e.agentId, e.name);
        if (e.type !== 'agent.log' || (only !== undefined && e.agentId !== only)) return;
        println(io.out, `${names.get(e.agentId) ?? e.agentId} | ${e.line}`);
      }, interrupt.signal);
    } finally {
      interrupt.dispose();
    }
  });
}
