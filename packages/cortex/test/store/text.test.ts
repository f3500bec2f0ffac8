import { describe, expect, it } from 'vitest';
import { buildFtsQuery, contentHash, normalizeContent } from '../../src/store/text.js';

describe('buildFtsQuery', () => {
  it('quotes every term and joins with OR, so operators are words', () => {
    expect(buildFtsQuery('cats AND dogs NEAR(x) -y*')).toEqual({
      match: '"cats" OR "dogs" OR "near" OR "x" OR "y"',
      terms: ['cats', 'dogs', 'near', 'x', 'y'],
    });
  });

  it('drops stopwords unless nothing else is left', () => {
    expect(buildFtsQuery('what is the plan?').terms).toEqual(['plan']);
    expect(buildFtsQuery('what is it?').terms).toEqual(['what', 'is', 'it']);
  });

  it('has no terms for text without letters or digits', () => {
    expect(buildFtsQuery('🎉 ?! "()"')).toEqual({ match: null, terms: [] });
  });

  it('caps the number of terms', () => {
    expect(buildFtsQuery(Array.from({ length: 50 }, (_, i) => `t${i}`).join(' ')).terms).toHaveLength(32);
  });
});

describe('normalizeContent', () => {
  it('ignores case, Unicode compatibility forms and whitespace', () => {
    expect(normalizeContent('  Ｆｕｌｌ\twidth\n TEXT ')).toBe('full width text');
    expect(contentHash('A  b')).toBe(contentHash('a b'));
    expect(contentHash('a b')).not.toBe(contentHash('a b.'));
  });
});
