import type { ShutdownReport } from '@axon/core';
import { loadServeConfig, type ServeConfig } from './config/load.js';
import { eventLine, isNoisy } from './logs/event-line.js';
import { AxonServer, type AxonServerOptions } from './server.js';

/** Options of {@link runServe}. */
export interface RunServeOptions extends AxonServerOptions {
  /** Where event lines go. Default `process.stdout`. */
  out?: NodeJS.WritableStream & { isTTY?: boolean };
  /** One JSON object per line instead of text. Default: when `out` is not a TTY. */
  json?: boolean;
  /** Print `health.metrics` and `health.check` events too. Default false. */
  verbose?: boolean;
  /** Stop on SIGTERM and SIGINT. Default true. */
  handleSignals?: boolean;
  /** Overrides applied after reading the file (e.g. `--port`). */
  override?: (config: ServeConfig) => ServeConfig;
}

/**
 * What `axon serve <config>` does: starts an {@link AxonServer} from the file, prints one line per event, and on
 * SIGTERM/SIGINT (or `POST /api/shutdown`) drains and stops. Resolves with the shutdown report.
 */
export async function runServe(configFile: string, options: RunServeOptions = {}): Promise<ShutdownReport> {
  const out = options.out ?? process.stdout;
  const json = options.json ?? out.isTTY !== true;
  let config = loadServeConfig(configFile, options.env);
  if (options.override) config = options.override(config);
  const server = await AxonServer.start(config, options);
  const write = (line: string) => out.write(`${line}\n`);
  write(
    json
      ? JSON.stringify({ type: 'serve.listening', url: server.url, tokenFile: server.tokenFile, pid: process.pid })
      : `axon serve: listening on ${server.url} (token in ${server.tokenFile}); dashboard ${server.url}/`,
  );
  const unsubscribe = server.runtime.subscribe((e) => {
    if (!options.verbose && isNoisy(e)) return;
    write(json ? JSON.stringify(e) : eventLine(e));
  });
  const onSignal = (signal: NodeJS.Signals) => {
    write(json ? JSON.stringify({ type: 'serve.stopping', signal }) : `axon serve: ${signal}, draining…`);
    void server.stop();
  };
  if (options.handleSignals !== false) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  const report = await server.stopped();
  unsubscribe();
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  write(json ? JSON.stringify({ type: 'serve.stopped', ...report }) : `axon serve: stopped`);
  return report;
}
