import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runtimeConfigJsonSchema } from '../../src/config/json-schema.js';
import { envBindings } from '../../src/config/env.js';

describe('runtimeConfigJsonSchema', () => {
  const schema = runtimeConfigJsonSchema() as {
    properties: Record<string, { properties: Record<string, Record<string, unknown>> }>;
  };

  it('describes every field with its default, unit and environment variable', () => {
    const spawn = schema.properties.process!.properties.spawnTimeout!;
    expect(spawn.default).toBe(30_000);
    expect(spawn['x-unit']).toBe('ms');
    expect(spawn['x-env']).toBe('AXON_PROCESS_SPAWN_TIMEOUT');
    expect(schema.properties.resources!.properties.maxMemoryBytes!.default).toBe(2 * 1024 ** 3);
    for (const b of envBindings()) {
      const field = schema.properties[b.path[0]]!.properties[b.path[1]]!;
      expect(field.description, b.path.join('.')).toBeTruthy();
      expect(field['x-env']).toBe(b.env);
    }
  });

  it('matches the schema file shipped in the package', () => {
    const file = fileURLToPath(new URL('../../schema/axon.config.schema.json', import.meta.url));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(runtimeConfigJsonSchema());
  });
});
