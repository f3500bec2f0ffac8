import { println, type CliIo } from '../output/io.js';

/**
 * Ctrl-C handling for long commands: the first SIGINT/SIGTERM aborts the returned signal (the command shuts down
 * gracefully); a second one exits at once with code 130.
 */
export function onInterrupt(io: CliIo): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = (sig: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      println(io.err, `axon: ${sig} again, exiting now`);
      process.exit(130);
    }
    println(io.err, `axon: ${sig} received, shutting down gracefully (press Ctrl-C again to force)`);
    controller.abort(new Error(sig));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
