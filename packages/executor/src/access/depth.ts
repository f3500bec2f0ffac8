/**
 * Whether `value` nests arrays/objects deeper than `max` levels (a scalar is depth 0, `{}` depth 1). Iterative, so
 * arguments nested 100 000 deep are measured without exhausting the stack (the digest and the MCP call would not be).
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
