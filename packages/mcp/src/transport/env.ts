/** The environment of a server: the allowlisted variables of `parent`, then the server's own `env` on top. */
export function buildServerEnv(
  allowlist: readonly string[],
  own: Record<string, string>,
  parent: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of allowlist) {
    const value = parent[key];
    // Exported shell functions (`() { …`) are a known injection vector; never pass them on.
    if (value !== undefined && !value.startsWith('()')) env[key] = value;
  }
  return { ...env, ...own };
}
