import { z } from 'zod';
import { configFields } from './fields.js';
import { RuntimeConfigSchema } from './schema.js';

/** Where the published schema lives, for `$schema` references in config files. */
export const CONFIG_SCHEMA_ID = 'https://unpkg.com/@axon/core/schema/axon.config.schema.json';

/**
 * The JSON Schema (draft 2020-12) of an `axon.config.json` / `.yaml`, generated from {@link RuntimeConfigSchema}:
 * what users may write (durations as ms or strings), with descriptions, defaults, `x-unit` and `x-env`.
 */
export function runtimeConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RuntimeConfigSchema, {
    io: 'input',
    target: 'draft-2020-12',
    override(ctx) {
      const info = configFields.get(ctx.zodSchema as unknown as z.ZodType);
      if (info?.jsonDefault !== undefined) ctx.jsonSchema.default = info.jsonDefault;
    },
  }) as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: CONFIG_SCHEMA_ID,
    title: 'Axon runtime configuration',
    description: 'axon.config.json / axon.config.yaml for @axon/core. Every field is optional.',
    ...schema,
    properties: { $schema: { type: 'string', description: 'URL or path of this JSON Schema.' }, ...properties },
  };
}
