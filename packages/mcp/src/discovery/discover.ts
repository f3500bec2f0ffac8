import { delimiter, join } from 'node:path';
import { parseMcpConfig, type McpConfigInput } from '../config/schema.js';
import { McpError } from '../errors/mcp-error.js';
import { buildServerEnv } from '../transport/env.js';
import { bundledCortexPath } from './bundled.js';
import { launchFor, notRunnable } from './launch.js';
import { probeMcpServer } from './probe.js';

/** Where a Cortex was found. */
export type CortexSource = 'config' | 'env' | 'path' | 'bundled';

/** One place {@link discoverCortex} looked. */
export interface CortexCandidate {
  source: CortexSource;
  /** The executable looked at (absent when the source was not set). */
  path?: string;
  /** Whether it was chosen. */
  ok: boolean;
  /** Why it was chosen or skipped. */
  reason: string;
}

/** The Cortex to run, with how it was found. */
export interface CortexDiscovery {
  source: CortexSource;
  /** The executable (or script) found. */
  path: string;
  /** What to spawn: `command` + `args` (the configured `cortexArgs` included). */
  command: string;
  args: string[];
  /** Why this one, in a sentence. */
  reason: string;
  /** Every place looked at, in order. */
  tried: CortexCandidate[];
}

/** Options of {@link discoverCortex} besides the config. */
export interface DiscoverOptions {
  /** Environment to read `AXON_CORTEX_BIN` and `PATH` from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** ms allowed for the handshake with a `cortex` found on `PATH`. Default `5000`. */
  probeTimeout?: number;
}

/**
 * Finds a Cortex; the first that works wins: `config.cortexBinaryPath` → `AXON_CORTEX_BIN` → a `cortex` on
 * `PATH` that completes the MCP handshake and lists `cortex_search` → the bundled @axon/cortex.
 * Throws `MCP_START_FAILED` listing every place tried when none works.
 */
export async function discoverCortex(
  config: McpConfigInput = {},
  options: DiscoverOptions = {},
): Promise<CortexDiscovery> {
  const cfg = parseMcpConfig(config);
  const env = options.env ?? process.env;
  const tried: CortexCandidate[] = [];
  const found = (source: CortexSource, path: string, reason: string): CortexDiscovery => {
    tried.push({ source, path, ok: true, reason });
    return { source, path, ...launchFor(path, cfg.cortexArgs), reason, tried };
  };
  const direct = (source: CortexSource, path: string | undefined, label: string): CortexDiscovery | undefined => {
    if (!path) {
      tried.push({ source, ok: false, reason: `${label} is not set` });
      return undefined;
    }
    const bad = notRunnable(path);
    if (!bad) return found(source, path, `${label} is set to ${path}`);
    tried.push({ source, path, ok: false, reason: `${label}: ${bad}` });
    return undefined;
  };

  const fromConfig = direct('config', cfg.cortexBinaryPath, 'cortexBinaryPath');
  if (fromConfig) return fromConfig;
  const fromEnv = direct('env', env.AXON_CORTEX_BIN || undefined, 'AXON_CORTEX_BIN');
  if (fromEnv) return fromEnv;

  const onPath = findOnPath('cortex', env.PATH ?? '');
  if (!onPath) tried.push({ source: 'path', ok: false, reason: 'no executable "cortex" on PATH' });
  else {
    const probe = await probeMcpServer({
      command: onPath,
      args: cfg.cortexArgs,
      env: buildServerEnv(cfg.envAllowlist, cfg.cortexEnv, env),
      tool: 'cortex_search',
      timeout: options.probeTimeout ?? 5_000,
      protocolVersion: cfg.protocolVersion,
    });
    if (probe.ok) return found('path', onPath, `${onPath} on PATH completed the MCP handshake and lists cortex_search`);
    tried.push({ source: 'path', path: onPath, ok: false, reason: `${onPath} on PATH ${probe.reason}` });
  }

  let bundled: string | undefined;
  try {
    bundled = await bundledCortexPath();
  } catch (err) {
    tried.push({ source: 'bundled', ok: false, reason: `@axon/cortex cannot be resolved: ${(err as Error).message}` });
  }
  if (bundled) {
    const bad = notRunnable(bundled);
    if (!bad) return found('bundled', bundled, `no other Cortex found; using the bundled @axon/cortex at ${bundled}`);
    tried.push({ source: 'bundled', path: bundled, ok: false, reason: `bundled @axon/cortex: ${bad} (is it built?)` });
  }
  throw new McpError(
    'MCP_START_FAILED',
    `no Cortex found:\n${tried.map((t) => `- ${t.source}: ${t.reason}`).join('\n')}`,
    { data: { tried } },
  );
}

/** The first executable file `name` in the `PATH` directories. */
function findOnPath(name: string, pathVar: string): string | undefined {
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (!notRunnable(candidate)) return candidate;
  }
  return undefined;
}
