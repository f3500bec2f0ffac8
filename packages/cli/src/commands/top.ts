import { Command } from 'commander';
import { agentsTable } from '../output/agents-table.js';
import { println, type CliIo } from '../output/io.js';
import { formatDuration, renderTable } from '../output/table.js';
import { adminClient, withAdminOptions, type AdminOptions } from '../util/admin.js';
import { onInterrupt } from '../util/interrupt.js';
import { parseIntOption } from '../util/options.js';

const CLEAR = '\u001b[H\u001b[2J';

/** `axon top`: a live view of agents and tasks in the terminal, redrawn every interval and on every task event. */
export function topCommand(io: CliIo): Command {
  return withAdminOptions(
    new Command('top')
      .description('live view of agents (CPU, memory, state) and tasks in flight; Ctrl-C quits')
      .option('-i, --interval <ms>', 'redraw interval', parseIntOption('--interval'), 1000)
      .option(
        '-n, --iterations <n>',
        'stop after this many frames (default: until interrupted)',
        parseIntOption('--iterations'),
      ),
  ).action(async (o: AdminOptions & { interval: number; iterations?: number }) => {
    const client = adminClient(o);
    const interrupt = onInterrupt(io);
    const tty = io.out.isTTY === true;
    let frames = 0;
    try {
      while (!interrupt.signal.aborted && (o.iterations === undefined || frames < o.iterations)) {
        const [agents, tasks, stats] = await Promise.all([client.agents(), client.tasks(), client.stats()]);
        const inFlight = [...tasks.running, ...tasks.queued];
        const frame = [
          `axon top — ${new Date().toLocaleTimeString()} — runtime ${stats.runtime}, up ${formatDuration(stats.uptimeMs)}, ` +
            `${stats.statistics.totalTasksExecuted} tasks done, ${stats.statistics.totalTasksFailed} failed, ${stats.statistics.totalRestarts} restarts`,
          '',
          agentsTable(agents),
          '',
          inFlight.length === 0
            ? 'no task running or queued'
            : renderTable(
                ['task', 'state', 'agent', 'priority', 'attempt', 'age'],
                inFlight.map((t) => [
                  t.id,
                  t.status,
                  agents.find((a) => a.id === t.agentId)?.name ?? '-',
                  t.priority,
                  t.attempt,
                  formatDuration(Date.now() - (t.startedAt ?? t.queuedAt)),
                ]),
              ),
        ].join('\n');
        io.out.write(tty ? `${CLEAR}${frame}\n` : `${frame}\n\n`);
        frames++;
        if (o.iterations !== undefined && frames >= o.iterations) break;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, o.interval);
          interrupt.signal.addEventListener(
            'abort',
            () => {
              clearTimeout(t);
              resolve();
            },
            { once: true },
          );
        });
      }
    } finally {
      interrupt.dispose();
    }
    if (tty) println(io.out);
  });
}
