import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RuntimeError, type AgentTypeSpec, type RuntimeConfig } from '@axon/core';
import { buildRuntimeConfig } from '@axon/core/internals';
import { ServeExtrasSchema, type LogsSection, type MetricsSection, type ServerSection } from './schema.js';

/** A validated `axon serve` configuration. */
export interface ServeConfig {
  /** The runtime's configuration (every section, defaults filled). */
  runtime: RuntimeConfig;
  /** Worker pool agent types by name; `cwd` defaults to the config file's directory. */
  agentTypes: Record<string, AgentTypeSpec>;
  /** Admin server settings. */
  server: ServerSection;
  /** Metrics export (`monitoring.metrics` in the file). */
  metrics: MetricsSection;
  /** Agent log aggregation (`monitoring.logs` in the file). */
  logs: LogsSection;
  /** The file it came from, if any. */
  file?: string;
}

function invalid(message: string, path: string, file: string | undefined, cause?: unknown): RuntimeError {
  return new RuntimeError('INVALID_CONFIG', `${file ? `${file}: ` : ''}${message}`, {
    ...(cause !== undefined && { cause }),
    data: { path, ...(file && { file }) },
  });
}

/**
 * Validates a serve configuration object: the runtime's sections (`process`, `resources`, `mcp`, `monitoring`,
 * `recovery`) plus `agentTypes`, `server`, `monitoring.metrics`, `monitoring.logs` and `cortexDb` (a Cortex database
 * file of its own, relative to the config file, like a workflow's). `AXON_*` environment variables
 * override the runtime's sections as for `loadConfig`. Throws `INVALID_CONFIG` naming the bad field.
 */
export function parseServeConfig(
  input: unknown,
  options: { file?: string; baseDir?: string; env?: Record<string, string | undefined> } = {},
): ServeConfig {
  const file = options.file;
  if (input === null || input === undefined) input = {};
  if (typeof input !== 'object' || Array.isArray(input))
    throw invalid('expected an object at the top level', '(root)', file);
  const {
    agentTypes,
    server: serverInput,
    monitoring,
    cortexDb,
    $schema: _schema,
    ...sections
  } = input as Record<string, unknown>;
  let runtimeMonitoring: Record<string, unknown> | undefined;
  let metrics: unknown;
  let logs: unknown;
  if (monitoring !== undefined) {
    if (typeof monitoring !== 'object' || monitoring === null || Array.isArray(monitoring))
      throw invalid('monitoring: expected an object', 'monitoring', file);
    ({ metrics, logs, ...runtimeMonitoring } = monitoring as Record<string, unknown>);
  }
  const extras = ServeExtrasSchema.safeParse({ agentTypes, server: serverInput, metrics, logs });
  if (!extras.success) {
    const issue = extras.error.issues[0]!;
    const path = issue.path.map(String);
    if (path[0] === 'metrics' || path[0] === 'logs') path.unshift('monitoring');
    const dotted = path.join('.');
    throw invalid(`${dotted}: ${issue.message}`, dotted, file, extras.error);
  }
  const baseDir = options.baseDir ?? (file ? dirname(file) : process.cwd());
  if (cortexDb !== undefined) {
    if (typeof cortexDb !== 'string' || cortexDb === '')
      throw invalid('cortexDb: expected a file path', 'cortexDb', file);
    const mcp = (sections.mcp ?? {}) as Record<string, unknown>;
    sections.mcp = { ...mcp, cortexArgs: ['mcp', 'stdio', '--db', resolve(baseDir, cortexDb)] };
  }
  const runtime = buildRuntimeConfig(
    { ...sections, ...(runtimeMonitoring !== undefined && { monitoring: runtimeMonitoring }) },
    { ...(options.env && { env: options.env }), ...(file && { file }) },
  );
  const types: Record<string, AgentTypeSpec> = {};
  for (const [name, spec] of Object.entries(extras.data.agentTypes))
    types[name] = { ...spec, cwd: spec.cwd === undefined ? baseDir : resolve(baseDir, spec.cwd) };
  const at = (p: string | undefined) => (p === undefined || isAbsolute(p) ? p : resolve(baseDir, p));
  const s = extras.data.server;
  const server: ServerSection = {
    ...s,
    ...(s.tokenFile !== undefined && { tokenFile: at(s.tokenFile)! }),
    ...(s.stateDir !== undefined && { stateDir: at(s.stateDir)! }),
  };
  const l = extras.data.logs;
  if (l.destination === 'file' && l.file === undefined)
    throw invalid('monitoring.logs.file: required when destination is "file"', 'monitoring.logs.file', file);
  const logsSection: LogsSection = { ...l, ...(l.file !== undefined && { file: at(l.file)! }) };
  return {
    runtime,
    agentTypes: types,
    server,
    metrics: extras.data.metrics,
    logs: logsSection,
    ...(file && { file }),
  };
}

/** Reads a YAML or JSON serve config file and validates it with {@link parseServeConfig}. */
export function loadServeConfig(path: string, env?: Record<string, string | undefined>): ServeConfig {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw invalid(`cannot read the config file: ${(cause as Error).message}`, '(file)', file, cause);
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw invalid(
      `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(cause as Error).message}`,
      '(root)',
      file,
      cause,
    );
  }
  return parseServeConfig(raw, { file, ...(env && { env }) });
}
