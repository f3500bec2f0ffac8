import { RuntimeError } from '../errors/runtime-error.js';
import type { FieldInfo } from './fields.js';
import { configFieldList } from './schema.js';

/** One environment variable that maps to a config field. */
export interface EnvBinding {
  /** Variable name, e.g. `AXON_PROCESS_MAX_CONCURRENT_PROCESSES`. */
  env: string;
  /** Field path, e.g. `['process', 'maxConcurrentProcesses']`. */
  path: [string, string];
  /** What the field is. */
  info: FieldInfo;
}

/** Every `AXON_<SECTION>_<FIELD>` variable the runtime reads, in schema order. */
export function envBindings(): EnvBinding[] {
  return configFieldList().map(({ path, info }) => ({ env: info.env!, path, info }));
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

function coerce(binding: EnvBinding, raw: string): unknown {
  const value = raw.trim();
  switch (binding.info.kind) {
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    case 'boolean':
      if (TRUE.has(value.toLowerCase())) return true;
      if (FALSE.has(value.toLowerCase())) return false;
      return value;
    case 'list':
      if (value.startsWith('[')) return parseJson(binding, value);
      return value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    case 'json':
      return parseJson(binding, value);
    default:
      return value;
  }
}

function parseJson(binding: EnvBinding, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch (e) {
    // The value is not shown (nor kept as the cause, whose message may quote it): it may hold secrets.
    const where = /position \d+/.exec((e as Error).message)?.[0];
    throw new RuntimeError(
      'INVALID_CONFIG',
      `${binding.env} (${binding.path.join('.')}): expected ${binding.info.expected} as JSON, got ${value.length} characters that are not valid JSON${where ? ` (error at ${where})` : ''}; the value is not shown as it may hold secrets`,
      { data: { path: binding.path.join('.'), env: binding.env } },
    );
  }
}

/** A partial config read from `AXON_*` variables, and which variable set which field path. */
export interface EnvConfig {
  /** The partial configuration (raw, not yet validated). */
  values: Record<string, Record<string, unknown>>;
  /** `"section.field"` → the variable it came from. */
  sources: Map<string, string>;
}

/**
 * Reads `AXON_<SECTION>_<FIELD>` variables (e.g. `AXON_MONITORING_HEALTH_CHECK_INTERVAL=5s`). Empty values are
 * ignored; booleans accept true/false/1/0/yes/no/on/off; lists a JSON array or a comma-separated list; objects JSON.
 */
export function configFromEnv(env: Record<string, string | undefined>): EnvConfig {
  const values: Record<string, Record<string, unknown>> = {};
  const sources = new Map<string, string>();
  for (const binding of envBindings()) {
    const raw = env[binding.env];
    if (raw === undefined || raw.trim() === '') continue;
    const [sectionName, key] = binding.path;
    (values[sectionName] ??= {})[key] = coerce(binding, raw);
    sources.set(`${sectionName}.${key}`, binding.env);
  }
  return { values, sources };
}
