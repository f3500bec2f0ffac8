import { resolve } from 'node:path';
import { findConfigFile, isRuntimeError, loadConfig, type RuntimeConfig, type RuntimeConfigInput } from '@axon/core';
import { CliError } from '../errors/cli-error.js';

/** Options every command shares. */
export interface GlobalOptions {
  /**
   * `--config <file>`: the runtime config file, relative to the working directory. Default: `AXON_CONFIG`
   * (relative to the working directory), else `axon.config.{json,yaml,yml}` in the working directory.
   */
  config?: string;
}

/**
 * The config file a command uses, as an absolute path: `--config`, else `AXON_CONFIG`, else `fallback` (a
 * workflow's own `config:` file, already absolute), else the first `axon.config.{json,yaml,yml}` in the working
 * directory, else none. `--config` and `AXON_CONFIG` are relative to the working directory for every command.
 */
export function configFile(options: GlobalOptions, fallback?: string): string | undefined {
  if (options.config) return resolve(options.config);
  const named = process.env.AXON_CONFIG?.trim();
  if (named) return resolve(named);
  return fallback ?? findConfigFile(process.cwd(), {});
}

/**
 * Loads the runtime config: the file {@link configFile} picks, the `AXON_*` environment, then `overrides`.
 * An invalid or missing file becomes `INVALID_CONFIG` (exit code 3).
 */
export function loadRuntimeConfig(
  options: GlobalOptions,
  overrides?: RuntimeConfigInput,
  fallbackFile?: string,
): RuntimeConfig {
  const file = configFile(options, fallbackFile);
  try {
    return loadConfig({ ...(file ? { file } : {}), ...(overrides ? { overrides } : {}) });
  } catch (error) {
    if (isRuntimeError(error) && error.code === 'INVALID_CONFIG') {
      throw new CliError('INVALID_CONFIG', error.message.replace(/^INVALID_CONFIG:\s*/, ''), {
        hint: 'run `axon config validate` to list every bad field; `axon config schema` prints the schema',
        cause: error,
      });
    }
    throw error;
  }
}
