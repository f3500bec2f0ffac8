import { runServe } from '@axon/server';
import { Command } from 'commander';
import { println, type CliIo } from '../output/io.js';
import { parseIntOption } from '../util/options.js';

/** `axon serve <config>`: a long-running runtime with the admin API, metrics and the dashboard. */
export function serveCommand(io: CliIo): Command {
  return new Command('serve')
    .description(
      'run a long-lived runtime from a serve config (agent types, limits, MCP) with the admin API and dashboard',
    )
    .argument('<config>', 'serve config file (YAML or JSON), e.g. examples/serve.yaml')
    .option('--host <host>', 'interface to bind (default: server.host, 127.0.0.1)')
    .option('--port <port>', 'port (default: server.port, 7070; 0 picks a free one)', parseIntOption('--port'))
    .option('--json', 'one JSON object per event (default when stdout is not a terminal)')
    .option('--verbose', 'also print resource samples and health checks')
    .action(async (file: string, o: { host?: string; port?: number; json?: boolean; verbose?: boolean }) => {
      await runServe(file, {
        out: io.out,
        ...(o.json && { json: true }),
        ...(o.verbose && { verbose: true }),
        override: (c) => ({
          ...c,
          server: {
            ...c.server,
            ...(o.host !== undefined && { host: o.host }),
            ...(o.port !== undefined && { port: o.port }),
          },
        }),
      });
      println(io.err, 'axon serve: bye');
    });
}
