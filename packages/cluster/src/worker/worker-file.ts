import { readConfigFile } from '@axon/core/internals';
import { AgentTypeSpecSchema, RuntimeConfigSchema, type RuntimeConfigInput } from '@axon/core';
import type { AgentTypeSpecInput } from '@axon/core';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ClusterError } from '../errors/cluster-error.js';

/** What a worker host's config file holds: the runtime configuration and the agent types it hosts. */
export interface WorkerFile {
  /** The runtime sections (`process`, `resources`, `mcp`, `monitoring`, `recovery`). */
  config: RuntimeConfigInput;
  /** `agentTypes`: type name → spec (`command`, `args`, `capabilities`, `max`, `minIdle`, `env`, `cwd`, `limits`). */
  agentTypes: Record<string, AgentTypeSpecInput>;
}

/**
 * Reads a worker config file (`axon.config.yaml` or `.json`): the runtime configuration plus a top-level `agentTypes`
 * map. A relative `cwd` of an agent type, and a `command`/argument that starts with `./`, are taken relative to the
 * file. Throws `INVALID_CONFIG` naming the file and field.
 */
export function readWorkerFile(path: string): WorkerFile {
  let raw: Record<string, unknown>;
  try {
    raw = readConfigFile(path);
  } catch (e) {
    throw new ClusterError('INVALID_CONFIG', (e as Error).message, { cause: e, data: { file: path } });
  }
  const { agentTypes, ...config } = raw;
  const sections = RuntimeConfigSchema.safeParse(config);
  if (!sections.success) {
    const issue = sections.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(root)';
    throw new ClusterError('INVALID_CONFIG', `${path}: ${field}: ${issue.message}`, { data: { file: path, field } });
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
  return { config: config, agentTypes: types };
}
