import { ClusterWorker, isClusterError, readWorkerFile } from '@axon/cluster';
import { Command } from 'commander';
import { CliError } from '../errors/cli-error.js';
import { println, type CliIo } from '../output/io.js';
import { configFile, type GlobalOptions } from '../util/config.js';
import { onInterrupt } from '../util/interrupt.js';

interface WorkerOptions {
  redis?: string;
  prefix: string;
  hostId?: string;
}

/**
 * `axon worker --redis URL --config axon.config.yaml`: hosts the file's `agentTypes` for a cluster, consuming the
 * queues of their capabilities until SIGINT/SIGTERM, then drains and shuts down (docs/scale-out.md).
 */
export function workerCommand(io: CliIo): Command {
  return new Command('worker')
    .description(
      "host the config file's agentTypes for a cluster: run tasks from their Redis queues (docs/scale-out.md)",
    )
    .option('--redis <url>', 'Redis URL, redis://[:password@]host:port (default: AXON_REDIS_URL)')
    .option('--prefix <name>', 'cluster key prefix (several clusters can share one Redis)', 'axon')
    .option('--host-id <id>', "this host's id in statistics and outcomes (default: <hostname>-<pid>)")
    .action(async (opts: WorkerOptions, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const redis = opts.redis ?? process.env.AXON_REDIS_URL;
      if (!redis)
        throw new CliError('USAGE', 'axon worker needs --redis <url> (or AXON_REDIS_URL)', {
          hint: 'e.g. axon worker --redis redis://127.0.0.1:6379 --config axon.config.yaml',
        });
      const file = configFile(globals);
      if (!file)
        throw new CliError('USAGE', 'axon worker needs --config <file> naming the agentTypes this host runs', {
          hint: 'see docs/scale-out.md for the file format',
        });
      let worker: ClusterWorker;
      try {
        const wf = readWorkerFile(file);
        worker = new ClusterWorker({
          redis,
          prefix: opts.prefix,
          agentTypes: wf.agentTypes,
          config: wf.config,
          ...(opts.hostId !== undefined && { hostId: opts.hostId }),
        });
      } catch (e) {
        if (isClusterError(e) && (e.code === 'INVALID_CONFIG' || e.code === 'INVALID_ARGUMENT'))
          throw new CliError(e.code, e.message, { cause: e });
        throw e;
      }
      const interrupt = onInterrupt(io);
      try {
        await worker.start();
        println(io.out, `axon worker ${worker.hostId}: consuming ${worker.queues.join(', ')}`);
        await new Promise<void>((r) => interrupt.signal.addEventListener('abort', () => r(), { once: true }));
      } catch (e) {
        if (isClusterError(e)) throw new CliError('RUNTIME_ERROR', e.message, { cause: e });
        throw e;
      } finally {
        await worker.close();
        interrupt.dispose();
      }
      println(io.out, `axon worker ${worker.hostId}: stopped`);
    });
}
