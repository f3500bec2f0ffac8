import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { CliError } from '../errors/cli-error.js';
import { printJson, println, type CliIo } from '../output/io.js';
import { adminClient, withAdminOptions, type AdminOptions } from '../util/admin.js';

function readDelegation(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new CliError('FILE_NOT_FOUND', `cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return (file.endsWith('.json') || file === '-' ? JSON.parse(text) : parseYaml(text)) as Record<string, unknown>;
  } catch (e) {
    throw new CliError(
      'INVALID_ARGUMENT',
      `${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message}`,
      {
        exitCode: 3,
      },
    );
  }
}

/** `axon submit <delegation.json>`: queues a delegation on the running server. */
export function submitCommand(io: CliIo): Command {
  return withAdminOptions(
    new Command('submit')
      .description('submit a task delegation (JSON or YAML file, - for stdin) to the running axon serve')
      .argument('<delegation>', 'delegation file (fields: docs/protocol.md#taskdelegation)')
      .option('-w, --wait', 'wait for the outcome and print it (exit code 1 when the task fails)')
      .option('--json', 'print JSON'),
  ).action(async (file: string, o: AdminOptions & { wait?: boolean; json?: boolean }) => {
    const client = adminClient(o);
    const accepted = await client.submit(readDelegation(file) as never);
    if (!o.wait) {
      if (o.json) printJson(io.out, accepted);
      else println(io.out, accepted.taskId);
      return;
    }
    const done = await new Promise<Awaited<ReturnType<typeof client.task>>>((resolve, reject) => {
      const ac = new AbortController();
      const check = async () => {
        const t = await client.task(accepted.taskId);
        if (t.status === 'completed' || t.status === 'failed' || t.status === 'cancelled') {
          ac.abort();
          resolve(t);
        }
      };
      client
        .events((e) => {
          if ('taskId' in e && e.taskId === accepted.taskId && e.type.startsWith('task.')) void check().catch(reject);
        }, ac.signal)
        .catch(reject);
      void check().catch(reject);
    });
    if (o.json) printJson(io.out, done);
    else if (done.status === 'completed') println(io.out, JSON.stringify(done.output, null, 2));
    if (done.status !== 'completed')
      throw new CliError('TASKS_FAILED', `task ${done.id} ${done.status}: ${done.error?.code}: ${done.error?.message}`);
  });
}
