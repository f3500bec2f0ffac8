import { Command } from 'commander';
import { CliError } from '../errors/cli-error.js';
import { println, type CliIo } from '../output/io.js';
import { adminClient, withAdminOptions, type AdminOptions } from '../util/admin.js';
import { parseIntOption } from '../util/options.js';

/** `axon stop`: asks the running server to drain and stop, and waits until it no longer answers. */
export function stopCommand(io: CliIo): Command {
  return withAdminOptions(
    new Command('stop')
      .description('drain and stop the running axon serve (running tasks finish first)')
      .option('--timeout <ms>', 'give up waiting after this long', parseIntOption('--timeout'), 120_000),
  ).action(async (o: AdminOptions & { timeout: number }) => {
    const client = adminClient(o);
    await client.shutdown();
    println(io.err, 'axon stop: draining…');
    const deadline = Date.now() + o.timeout;
    for (;;) {
      try {
        await client.stats();
      } catch (e) {
        if ((e as { code?: string }).code === 'UNREACHABLE') break;
        throw e;
      }
      if (Date.now() > deadline)
        throw new CliError('RUNTIME_ERROR', `the server still answers after ${o.timeout} ms`, {
          hint: 'running tasks may take longer to drain; try again, or send SIGTERM to its pid',
        });
      await new Promise((r) => setTimeout(r, 200));
    }
    println(io.out, 'stopped');
  });
}
