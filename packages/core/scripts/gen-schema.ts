// Writes schema/axon.config.schema.json from the zod schema (run: pnpm --filter @axon/core schema).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimeConfigJsonSchema } from '../src/config/json-schema.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'axon.config.schema.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(runtimeConfigJsonSchema(), null, 2) + '\n');
console.log(`wrote ${out}`);
