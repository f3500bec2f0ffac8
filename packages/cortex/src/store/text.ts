import { createHash } from 'node:crypto';
import { LIMITS } from '../limits.js';

/** Content as compared for deduplication: Unicode NFKC, lower case, whitespace collapsed, trimmed. */
export function normalizeContent(content: string): string {
  return content.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Stable key of normalised content (sha256, hex). */
export function contentHash(content: string): string {
  return createHash('sha256').update(normalizeContent(content)).digest('hex');
}

// Token characters as FTS5's unicode61 tokenizer sees them by default (categories L*, N*, Co).
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/** Words of a text, lower case, in order (duplicates kept). */
export function tokenize(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKEN) ?? [];
}

const STOPWORDS = new Set(
  (
    'a an and are as at be but by did do does for from had has have how i if in into is it its me my no not of on or ' +
    'our so than that the their them then there these they this to was we were what when where which who why will ' +
    'with you your'
  ).split(' '),
);

/**
 * Turns any user text into a safe FTS5 query: words are extracted, each is double-quoted (so `AND`, `NEAR`, `*`,
 * `^`, `-`, `"`, parentheses and column filters are plain words, never syntax), and joined with OR so bm25 ranks
 * memories matching more words higher. Stopwords are dropped unless the query has nothing else.
 * Returns the terms used; none when the text has no word characters (e.g. only emoji or punctuation).
 */
export function buildFtsQuery(text: string): { match: string | null; terms: string[] } {
  const words = [...new Set(tokenize(text))];
  const content = words.filter((w) => !STOPWORDS.has(w));
  const terms = (content.length > 0 ? content : words).slice(0, LIMITS.queryTerms);
  if (terms.length === 0) return { match: null, terms };
  return { match: terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' OR '), terms };
}
