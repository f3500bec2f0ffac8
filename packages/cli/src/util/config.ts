import { loadConfig, type RuntimeConfig, type RuntimeConfigInput } from '@axon/core';
import { CliError } from '../errors/cli-error.js';

/** Options every command shares. */
export interface GlobalOptions {
  /** `--config <file>`: the runtime config file. Default: `AXON_CONFIG`, else `axon.config.{json,yaml,yml}` in the cwd. */
  config?: string;
}

/** Loads the runtime config (file, `AXON_*` environment, overrides); invalid config becomes `INVALID_CONFIG`. */
export function loadRuntimeConfig(options: GlobalOptions, overrides?: RuntimeConfigInput, cwd?: string): RuntimeConfig {
  try {
    return loadConfig({
      ...(options.config ? { file: options.config } : {}),
      ...(overrides ? { overrides } : {}),
      ...(cwd ? { cwd } : {}),
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'INVALID_CONFIG') {
      throw new CliError('INVALID_CONFIG', (error as Error).message.replace(/^INVALID_CONFIG:\s*/, ''), {
        hint: 'run `axon config validate` to list every bad field; `axon config schema` prints the schema',
        cause: error,
      });
    }
    throw error;
  }
}
