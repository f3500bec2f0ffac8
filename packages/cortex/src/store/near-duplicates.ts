/** One group found by {@link findNearDuplicates}: `survivor` absorbs each of `absorbed`. */
export interface DuplicateGroup {
  /** Index of the memory that stays. */
  survivor: number;
  /** Indexes of the memories it absorbs, with their Jaccard similarity to the survivor. */
  absorbed: Array<{ index: number; similarity: number }>;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * Groups near-duplicate token sets (Jaccard >= `threshold`) without comparing every pair: each set's rarest
 * tokens form a prefix whose length guarantees two sets with Jaccard >= threshold share a prefix token
 * (prefix filtering, as in Bayardo et al., "Scaling up all pairs similarity search"), so only sets meeting in
 * an inverted index of prefixes are compared.
 *
 * `preference` lists indexes best survivor first. Each memory is absorbed only by a survivor it is itself
 * similar to (no transitive chains): survivors are taken in preference order and absorb their unclaimed neighbours.
 */
export function findNearDuplicates(sets: Array<Set<string>>, preference: number[], threshold: number): DuplicateGroup[] {
  const df = new Map<string, number>();
  for (const s of sets) for (const t of s) df.set(t, (df.get(t) ?? 0) + 1);

  const index = new Map<string, number[]>();
  const neighbours = new Map<number, Array<{ index: number; similarity: number }>>();
  const link = (a: number, b: number, similarity: number): void => {
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const list = neighbours.get(x) ?? [];
      list.push({ index: y, similarity });
      neighbours.set(x, list);
    }
  };

  sets.forEach((set, i) => {
    if (set.size === 0) return;
    const sorted = [...set].sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
    const prefix = sorted.slice(0, set.size - Math.ceil(threshold * set.size) + 1);
    const seen = new Set<number>();
    for (const token of prefix) {
      for (const j of index.get(token) ?? []) {
        if (seen.has(j)) continue;
        seen.add(j);
        const other = sets[j]!;
        if (other.size < threshold * set.size || set.size < threshold * other.size) continue;
        const similarity = jaccard(set, other);
        if (similarity >= threshold) link(i, j, similarity);
      }
      const list = index.get(token) ?? [];
      list.push(i);
      index.set(token, list);
    }
  });

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
