/** `text` cut to at most `max` characters at a word boundary, with `…` when cut. */
export function truncateWords(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // A single word longer than a third of the room is cut inside the word rather than dropped.
  return `${(space > max / 3 ? cut.slice(0, space) : cut).replace(/[\s,;:.(-]+$/, '')}…`;
}

/**
 * A copy of `value` with every non-integer number rounded for people (ms figures, rates): to whole numbers from
 * 100 up, else to 3 decimals. Integers, strings and structure are kept.
 */
export function roundNumbers<T>(value: T): T {
  if (typeof value === 'number')
    return (
      Number.isInteger(value) || !Number.isFinite(value)
        ? value
        : Math.abs(value) >= 100
          ? Math.round(value)
          : Math.round(value * 1000) / 1000
    ) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => roundNumbers(v)) as T;
  if (value instanceof Date) return value;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundNumbers(v)])) as T;
  return value;
}

/** A layer's error message without the wrappers that repeat the task and agent (`task t on agent a failed: Task t failed: …`). */
export function innerMessage(message: string): string {
  let out = message;
  for (let prev = ''; prev !== out;) {
    prev = out;
    out = out.replace(/^task \S+(?: on agent \S+)? failed: /i, '');
  }
  return out;
}
