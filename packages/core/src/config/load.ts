import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RuntimeError } from '../errors/runtime-error.js';
import { configFromEnv } from './env.js';
import type { RuntimeConfig, RuntimeConfigInput } from './schema.js';
import { parseRuntimeConfig } from './validate.js';

/** File names `loadConfig` looks for, in order, when no file is named. */
export const CONFIG_FILE_NAMES = ['axon.config.json', 'axon.config.yaml', 'axon.config.yml'] as const;

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Config file to read (relative to `cwd`); it must exist. Default: `AXON_CONFIG`, else the first of {@link CONFIG_FILE_NAMES} in `cwd`, else none. */
  file?: string;
  /** Environment to read `AXON_*` variables from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Directory where config files are looked for. Default `process.cwd()`. */
  cwd?: string;
  /** Values that win over file and environment (e.g. command-line flags). */
  overrides?: RuntimeConfigInput;
}

/** Finds the config file `loadConfig` would read: `AXON_CONFIG`, else the first of {@link CONFIG_FILE_NAMES} in `cwd`. */
export function findConfigFile(
  cwd: string = process.cwd(),
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const named = env.AXON_CONFIG?.trim();
  if (named) return isAbsolute(named) ? named : resolve(cwd, named);
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(cwd, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Reads and parses a JSON or YAML config file into a raw (unvalidated) object. */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new RuntimeError('INVALID_CONFIG', `cannot read config file ${path}: ${(cause as Error).message}`, {
      cause,
      data: { file: path },
    });
  }
  let parsed: unknown;
  try {
    parsed = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new RuntimeError(
      'INVALID_CONFIG',
      `config file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(cause as Error).message}`,
      {
        cause,
        data: { file: path },
      },
    );
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RuntimeError('INVALID_CONFIG', `config file ${path}: expected an object at the top level`, {
      data: { file: path, path: '(root)' },
    });
  }
  const { $schema: _schema, ...rest } = parsed as Record<string, unknown>;
  return rest;
}

/** Deep-merges plain objects; arrays and scalars of `over` replace those of `base`. */
export function mergeConfig(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const b = out[k];
    out[k] = isPlain(v) && isPlain(b) ? mergeConfig(b, v) : v;
  }
  return out;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Builds the runtime configuration: seed defaults, overridden by the config file (JSON or YAML), overridden by
 * `AXON_<SECTION>_<FIELD>` environment variables, overridden by `overrides`. Fails with `INVALID_CONFIG`
 * naming each bad field, what was expected and where the value came from.
 */
export function loadConfig(options: LoadConfigOptions = {}): RuntimeConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  let file: string | undefined;
  if (options.file !== undefined) {
    file = isAbsolute(options.file) ? options.file : resolve(cwd, options.file);
    if (!existsSync(file))
      throw new RuntimeError('INVALID_CONFIG', `config file ${file} does not exist`, { data: { file } });
  } else {
    file = findConfigFile(cwd, env);
  }
  return buildRuntimeConfig(file ? readConfigFile(file) : {}, {
    env,
    ...(file && { file }),
    ...(options.overrides && { overrides: options.overrides }),
  });
}

/** Options of {@link buildRuntimeConfig}. */
export interface BuildRuntimeConfigOptions {
  /** Environment to read `AXON_*` variables from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** The file the values came from, named as their source in `INVALID_CONFIG` errors. */
  file?: string;
  /** Values that win over file and environment (e.g. command-line flags). */
  overrides?: RuntimeConfigInput;
}

/**
 * What {@link loadConfig} does once the file is read: the file's runtime sections, overridden by
 * `AXON_<SECTION>_<FIELD>` environment variables, overridden by `overrides`, validated with the defaults filled in.
 * For files that hold more than the runtime's sections (`axon serve`'s, `axon worker`'s): the caller takes its own
 * keys off and passes the rest, so environment variables override every runtime section the same way.
 */
export function buildRuntimeConfig(
  fromFile: Record<string, unknown>,
  options: BuildRuntimeConfigOptions = {},
): RuntimeConfig {
  const fromEnv = configFromEnv(options.env ?? process.env);
  let merged = mergeConfig(fromFile, fromEnv.values);
  if (options.overrides) merged = mergeConfig(merged, options.overrides);
  const sources = { env: fromEnv.sources, ...(options.file !== undefined && { defaultSource: options.file }) };
  return parseRuntimeConfig(merged, sources);
}
