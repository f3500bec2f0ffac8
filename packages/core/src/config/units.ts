const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1_000,
  mb: 1_000_000,
  gb: 1_000_000_000,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** Pattern a size string must match: `<number><unit>`, units `B`, `KB`, `MB`, `GB` (10^3) or `KiB`, `MiB`, `GiB` (2^10). */
export const SIZE_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*([kKmMgG][iI]?)?[bB]\\s*$';

/**
 * Parses a size into bytes: a non-negative number is already bytes; a string is `<number><unit>` with decimal
 * (`"10MB"`) or binary (`"10MiB"`) units. Returns `undefined` when it is neither.
 */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?)?b$/i.exec(text);
  if (!m) return undefined;
  const unit = `${(m[2] ?? '').toLowerCase()}b`;
  return Math.round(Number(m[1]) * SIZE_UNITS[unit]!);
}

/** Formats milliseconds for humans: `30000` → `"30s"`, `300000` → `"5m"`, `1500` → `"1500ms"`. */
export function formatDuration(ms: number): string {
  for (const [unit, k] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ] as const) {
    if (ms >= k && ms % k === 0) return `${ms / k}${unit}`;
  }
  return `${ms}ms`;
}

/** Formats bytes for humans with binary units: `2147483648` → `"2 GiB"`. */
export function formatSize(bytes: number): string {
  for (const [unit, k] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= k && bytes % k === 0) return `${bytes / k} ${unit}`;
  }
  return `${bytes} B`;
}
