/** One group found by {@link findNearDuplicates}: `survivor` absorbs each of `absorbed`. */
export interface DuplicateGroup {
  /** Index of the memory that stays. */
  survivor: number;
  /** Indexes of the memories it absorbs, with their Jaccard similarity to the survivor. */
  absorbed: Array<{ index: number; similarity: number }>;
}

// ceil that ignores floating-point noise (0.8 * 10 = 8.000000000000002 must give 8, not 9).
function ceilSafe(x: number): number {
  return Math.ceil(x - 1e-9);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * Groups near-duplicate token sets (Jaccard >= `threshold`) without comparing every pair, by PPJoin (Xiao et al.,
 * "Efficient similarity joins for near duplicate detection"): sets are visited smallest first with tokens in
 * rarest-first order; two sets reaching the threshold must share a token within short prefixes of both, and the
 * positions of shared prefix tokens bound the possible overlap, so most candidate pairs are never compared.
 *
 * `preference` lists indexes best survivor first. Each memory is absorbed only by a survivor it is itself
 * similar to (no transitive chains): survivors are taken in preference order and absorb their unclaimed neighbours.
 */
export function findNearDuplicates(
  sets: Array<Set<string>>,
  preference: number[],
  threshold: number,
): DuplicateGroup[] {
  const df = new Map<string, number>();
  for (const s of sets) for (const t of s) df.set(t, (df.get(t) ?? 0) + 1);
  const order = (a: string, b: string): number => df.get(a)! - df.get(b)! || (a < b ? -1 : a > b ? 1 : 0);

  const index = new Map<string, Array<{ doc: number; pos: number }>>();
  const neighbours = new Map<number, Array<{ index: number; similarity: number }>>();
  const link = (a: number, b: number, similarity: number): void => {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const list = neighbours.get(x) ?? [];
      list.push({ index: y, similarity });
      neighbours.set(x, list);
    }
  };
  const sorted = sets.map((s) => [...s].sort(order));
  const bySize = sets
    .map((_, i) => i)
    .filter((i) => sets[i]!.size > 0)
    .sort((a, b) => sets[a]!.size - sets[b]!.size || a - b);

  for (const x of bySize) {
    const tokens = sorted[x]!;
    const size = tokens.length;
    const probe = size - ceilSafe(threshold * size) + 1;
    const overlap = new Map<number, number>();
    for (let p = 0; p < probe; p++) {
      for (const { doc: y, pos: q } of index.get(tokens[p]!) ?? []) {
        const seen = overlap.get(y) ?? 0;
        if (seen < 0) continue;
        const other = sets[y]!.size;
        const needed = ceilSafe((threshold / (1 + threshold)) * (size + other));
        const pruned = other < threshold * size || seen + 1 + Math.min(size - p - 1, other - q - 1) < needed;
        overlap.set(y, pruned ? -1 : seen + 1);
      }
    }
    for (const [y, seen] of overlap) {
      if (seen <= 0) continue;
      const similarity = jaccard(sets[x]!, sets[y]!);
      if (similarity >= threshold) link(x, y, similarity);
    }
    // Every earlier set is no larger, so indexing this shorter prefix is enough for later probes.
    const indexed = size - ceilSafe(((2 * threshold) / (1 + threshold)) * size) + 1;
    for (let p = 0; p < indexed; p++) {
      const list = index.get(tokens[p]!) ?? [];
      list.push({ doc: x, pos: p });
      index.set(tokens[p]!, list);
    }
  }

  const taken = new Set<number>();
  const groups: DuplicateGroup[] = [];
  for (const s of preference) {
    if (taken.has(s)) continue;
    taken.add(s);
    const absorbed = (neighbours.get(s) ?? []).filter((n) => !taken.has(n.index));
    for (const n of absorbed) taken.add(n.index);
    if (absorbed.length > 0) groups.push({ survivor: s, absorbed });
  }
  return groups;
}
