import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cortexBinPath } from '@axon/cortex';
import { AxonServer, parseServeConfig, type AxonServerOptions } from '../../src/index.js';

/** The test agent fixture. */
export const AGENT = fileURLToPath(new URL('../fixtures/agent.mjs', import.meta.url));

/** A server on a free port with a temporary state dir, running `minIdle` test agents of type `worker`. */
export async function startTestServer(
  o: { minIdle?: number; max?: number; extra?: Record<string, unknown>; options?: AxonServerOptions } = {},
): Promise<{ server: AxonServer; url: string; token: string; dir: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'axon-serve-'));
  const config = parseServeConfig(
    {
      agentTypes: {
        worker: {
          command: process.execPath,
          args: [AGENT],
          capabilities: ['test'],
          minIdle: o.minIdle ?? 1,
          max: o.max ?? 2,
        },
      },
      server: { port: 0, stateDir: dir },
      process: { shutdownGracePeriod: 2000 },
      monitoring: { metricsInterval: 500 },
      mcp: { cortexBinaryPath: cortexBinPath, cortexEnv: { CORTEX_DB: join(dir, 'cortex.db') } },
      recovery: { restartBackoffBase: 50, taskMaxAttempts: 1 },
      ...o.extra,
    },
    { baseDir: dir, env: {} },
  );
  const server = await AxonServer.start(config, o.options);
  return {
    server,
    url: server.url,
    token: server.token,
    dir,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `check` returns a value (not undefined/false), re-checking on each runtime event and every 50 ms. */
export async function until<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
