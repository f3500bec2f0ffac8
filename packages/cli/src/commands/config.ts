import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, redactSecrets, runtimeConfigJsonSchema } from '@axon/core';
import { Command, Option } from 'commander';
import { stringify } from 'yaml';
import { CliError } from '../errors/cli-error.js';
import { printJson, println, type CliIo } from '../output/io.js';
import { configFile, loadRuntimeConfig, type GlobalOptions } from '../util/config.js';

const SCHEMA_REF = './node_modules/@axon/core/schema/axon.config.schema.json';

/** The text of a new config file: every section with the seed's defaults (durations in ms, sizes in bytes). */
export function configTemplate(format: 'yaml' | 'json'): string {
  const defaults = loadConfig({ env: {}, cwd: '/nonexistent-axon-dir' }) as unknown as Record<
    string,
    Record<string, unknown>
  >;
  const clean = Object.fromEntries(
    Object.entries(defaults).map(([section, fields]) => [
      section,
      Object.fromEntries(
        Object.entries(fields).filter(
          ([, v]) => v !== undefined && !(typeof v === 'object' && v !== null && Object.keys(v).length === 0),
        ),
      ),
    ]),
  );
  if (format === 'json') return `${JSON.stringify({ $schema: SCHEMA_REF, ...clean }, null, 2)}\n`;
  return `# Axon runtime configuration: every field is optional, shown here with its default.\n# Durations: ms or "30s"/"5m"; sizes: bytes or "512MiB". Reference: docs/configuration.md\n# yaml-language-server: $schema=${SCHEMA_REF}\n${stringify(clean)}`;
}

/** `axon config init|validate|schema`. */
export function configCommand(io: CliIo): Command {
  const config = new Command('config').description('create, check and describe the runtime configuration file');

  config
    .command('init')
    .description('write a config file with every default (axon.config.yaml, or .json with --format json)')
    .argument('[file]', 'where to write it')
    .addOption(new Option('--format <format>', 'file format').choices(['yaml', 'json']).default('yaml'))
    .option('--force', 'overwrite an existing file')
    .action((file: string | undefined, opts: { format: 'yaml' | 'json'; force?: boolean }) => {
      const target = resolve(file ?? `axon.config.${opts.format}`);
      if (existsSync(target) && !opts.force) {
        throw new CliError('INVALID_ARGUMENT', `${target} already exists`, { hint: 'pass --force to overwrite it' });
      }
      writeFileSync(target, configTemplate(opts.format));
      println(io.out, `wrote ${target}`);
    });

  config
    .command('validate')
    .description(
      'check a config file (default: --config, AXON_CONFIG, or axon.config.* here) together with AXON_* variables',
    )
    .argument('[file]', 'the config file to check')
    .option('--print', 'print the effective configuration (defaults, file and environment merged; secrets redacted)')
    .option('--json', 'print the effective configuration as JSON (secrets redacted)')
    .action((file: string | undefined, opts: { print?: boolean; json?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const options = file ? { config: file } : globals;
      // Printed configs never show secrets: environment values and secret-named keys are redacted.
      const effective = redactSecrets(loadRuntimeConfig(options));
      if (opts.json) return printJson(io.out, effective);
      const source = configFile(options);
      println(io.out, `valid: ${source ?? 'no config file (defaults and AXON_* environment only)'}`);
      if (opts.print) println(io.out, stringify(effective).trimEnd());
    });

  config
    .command('schema')
    .description('print the JSON Schema of the config file (for editor completion)')
    .action(() => printJson(io.out, runtimeConfigJsonSchema()));

  return config;
}
