/** Bounds of one checkpoint. */
export interface CheckpointBounds {
  /** Most bytes of its JSON text (approximate: strings and keys by UTF-16 length). */
  maxBytes: number;
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
}

/**
 * Why a checkpoint cannot be kept, or `undefined` when it can: deeper than `maxDepth` or larger than `maxBytes`
 * once serialized. Walks the value iteratively (no recursion, so 100 000 levels cost no stack) and stops at the
 * first bound crossed, so a hostile checkpoint costs at most `maxBytes` of work.
 */
export function checkpointProblem(data: unknown, bounds: CheckpointBounds): string | undefined {
  let bytes = 0;
  const stack: Array<[unknown, number]> = [[data, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'string') bytes += value.length + 2;
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) bytes += 8;
    else if (typeof value === 'object') {
      if (depth >= bounds.maxDepth) return `nested deeper than ${bounds.maxDepth} levels`;
      bytes += 2;
      if (Array.isArray(value))
        for (const v of value) {
          bytes += 1;
          stack.push([v, depth + 1]);
        }
      else
        for (const [k, v] of Object.entries(value)) {
          bytes += k.length + 4;
          stack.push([v, depth + 1]);
        }
    } else return `not JSON data (a ${typeof value})`;
    if (bytes > bounds.maxBytes) return `larger than ${bounds.maxBytes} bytes`;
  }
  return undefined;
}
