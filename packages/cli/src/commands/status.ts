import { Command } from 'commander';
import { agentsTable } from '../output/agents-table.js';
import { printJson, println, type CliIo } from '../output/io.js';
import { formatDuration } from '../output/table.js';
import { adminClient, withAdminOptions, type AdminOptions } from '../util/admin.js';

/** `axon status`: the agents of the running server, pm2-style. */
export function statusCommand(io: CliIo): Command {
  return withAdminOptions(
    new Command('status')
      .description('agents of the running axon serve: name, type, state, pid, CPU, memory, tasks, restarts, uptime')
      .option('--json', 'print agents, tasks and statistics as JSON'),
  ).action(async (o: AdminOptions & { json?: boolean }) => {
    const client = adminClient(o);
    const [agents, tasks, stats] = await Promise.all([client.agents(), client.tasks(), client.stats()]);
    if (o.json) return printJson(io.out, { agents, tasks, stats });
    println(io.out, agentsTable(agents));
    println(
      io.out,
      `\nruntime ${stats.runtime}, up ${formatDuration(stats.uptimeMs)} (pid ${stats.pid}); tasks: ${tasks.running.length} running, ${tasks.queued.length} queued, ${stats.statistics.totalTasksExecuted} done, ${stats.statistics.totalTasksFailed} failed`,
    );
  });
}
