import { buildRuntimeConfig, readConfigFile } from '@axon/core/internals';
import { AgentTypeSpecSchema, isRuntimeError, type RuntimeConfig } from '@axon/core';
import type { AgentTypeSpecInput } from '@axon/core';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ClusterError } from '../errors/cluster-error.js';

/** What a worker host's config file holds: the runtime configuration and the agent types it hosts. */
export interface WorkerFile {
  /**
   * The runtime configuration: the file's sections (`process`, `resources`, `mcp`, `monitoring`, `recovery`) under
   * the `AXON_*` environment variables, defaults filled in — as `loadConfig` builds it on one machine.
   */
  config: RuntimeConfig;
  /** `agentTypes`: type name → spec (`command`, `args`, `capabilities`, `max`, `minIdle`, `env`, `cwd`, `limits`). */
  agentTypes: Record<string, AgentTypeSpecInput>;
}

/** Options of {@link readWorkerFile}. */
export interface ReadWorkerFileOptions {
  /** Environment whose `AXON_<SECTION>_<FIELD>` variables override the file's sections. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * Reads a worker config file (`axon.config.yaml` or `.json`): the runtime configuration plus a top-level `agentTypes`
 * map. `AXON_*` environment variables override the file's runtime sections exactly as `loadConfig` does on one
 * machine (e.g. `AXON_MCP_CORTEX_TOKEN` keeps a secret out of the file). A relative `cwd` of an agent type, and a
 * `command`/argument that starts with `./`, are taken relative to the file. Throws `INVALID_CONFIG` naming the file
 * and field (and the variable, when the bad value came from one).
 */
export function readWorkerFile(path: string, options: ReadWorkerFileOptions = {}): WorkerFile {
  let raw: Record<string, unknown>;
  try {
    raw = readConfigFile(path);
  } catch (e) {
    throw new ClusterError('INVALID_CONFIG', (e as Error).message, { cause: e, data: { file: path } });
  }
  const { agentTypes, ...sections } = raw;
  let config: RuntimeConfig;
  try {
    config = buildRuntimeConfig(sections, { file: path, ...(options.env && { env: options.env }) });
  } catch (e) {
    if (!isRuntimeError(e)) throw e;
    const field = typeof e.data.path === 'string' ? e.data.path : '(root)';
    throw new ClusterError('INVALID_CONFIG', `${path}: ${e.message}`, {
      cause: e,
      data: { file: path, field, ...(e.data.issues !== undefined && { issues: e.data.issues }) },
    });
  }
  if (typeof agentTypes !== 'object' || agentTypes === null || Object.keys(agentTypes).length === 0)
    throw new ClusterError('INVALID_CONFIG', `${path}: agentTypes: name at least one agent type this host runs`, {
      data: { file: path, field: 'agentTypes' },
    });
  const base = dirname(resolve(path));
  const local = (p: string) => (p.startsWith('./') || p.startsWith('../') ? resolve(base, p) : p);
  const types: Record<string, AgentTypeSpecInput> = {};
  for (const [name, spec] of Object.entries(agentTypes as Record<string, unknown>)) {
    const r = AgentTypeSpecSchema.safeParse(spec);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const field = ['agentTypes', name, ...issue.path.map(String)].join('.');
      throw new ClusterError('INVALID_CONFIG', `${path}: ${field}: ${issue.message}`, { data: { file: path, field } });
    }
    const s = r.data;
    types[name] = {
      ...s,
      command: local(s.command),
      args: s.args.map(local),
      ...(s.cwd !== undefined && { cwd: isAbsolute(s.cwd) ? s.cwd : resolve(base, s.cwd) }),
    };
  }
  return { config, agentTypes: types };
}
