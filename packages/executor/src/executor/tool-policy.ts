function matches(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

/** The runtime policy and a delegation's allowlist combined. */
export interface ToolAccess {
  /** Runtime allowlist (`undefined` = every tool). */
  allow?: readonly string[] | undefined;
  /** Runtime denylist. */
  deny?: readonly string[] | undefined;
  /** The delegation's `allowedTools` (empty = everything the runtime allows). */
  delegation: readonly string[];
}

/** Whether `name` may be called: not denied, within the runtime allowlist, within the delegation's allowlist. */
export function isToolAllowed(access: ToolAccess, name: string): boolean {
  if (access.deny?.some((p) => matches(p, name))) return false;
  if (access.allow && !access.allow.some((p) => matches(p, name))) return false;
  return access.delegation.length === 0 || access.delegation.some((p) => matches(p, name));
}
