/** What a redacted value is replaced with. */
export const REDACTED = '<redacted>';

/** Keys whose values are secrets wherever they appear: tokens, secrets, passwords, keys, credentials, … */
export const SECRET_KEY_PATTERN = /token|secret|passw(or)?d|pwd|key|credential|auth|cookie|session|private|cert/i;

/** Whether a key (an environment variable name, a config field) names a secret. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY_PATTERN.test(key);
}

// Config paths whose values are whole environments: every value there is redacted (an env value is often a
// credential under an innocent name).
const ENV_MAPS: ReadonlyArray<readonly string[]> = [
  ['process', 'environment'],
  ['mcp', 'cortexEnv'],
  ['mcp', 'servers', '*', 'env'],
];

function isEnvMap(path: readonly string[]): boolean {
  return ENV_MAPS.some((p) => p.length === path.length && p.every((seg, i) => seg === '*' || seg === path[i]));
}

/**
 * A copy of a configuration (or any JSON-like value) fit to print: the value of every key that names a secret
 * ({@link isSecretKey}) and every value of an environment map (`process.environment`, `mcp.cortexEnv`,
 * `mcp.servers.*.env`) becomes `"<redacted>"`; keys stay, so the shape remains readable.
 */
export function redactSecrets<T>(value: T): T {
  return walk(value, []) as T;
}

function walk(value: unknown, path: string[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, String(i)]));
  if (typeof value !== 'object' || value === null) return value;
  const envMap = isEnvMap(path);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = (envMap || isSecretKey(k)) && v !== undefined && v !== null ? REDACTED : walk(v, [...path, k]);
  }
  return out;
}
