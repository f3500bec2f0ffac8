import { createHash } from 'node:crypto';

// Key order must not change the digest: the same arguments always audit the same.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** `sha256:<hex>` of the canonical JSON of a tool call's arguments (keys sorted; `undefined` → `{}`). */
export function digestArguments(args: unknown): string {
  const json = JSON.stringify(canonical(args ?? {})) ?? 'null';
  return `sha256:${createHash('sha256').update(json).digest('hex')}`;
}
