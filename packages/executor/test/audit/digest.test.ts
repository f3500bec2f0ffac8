import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestArguments } from '../../src/audit/digest.js';

describe('digestArguments', () => {
  it('is the sha256 of the canonical JSON', () => {
    const hex = createHash('sha256').update('{"a":1,"b":[2,{"c":3,"d":4}]}').digest('hex');
    expect(digestArguments({ b: [2, { d: 4, c: 3 }], a: 1 })).toBe(`sha256:${hex}`);
  });
  it('ignores key order and treats undefined as {}', () => {
    expect(digestArguments({ x: 1, y: 2 })).toBe(digestArguments({ y: 2, x: 1 }));
    expect(digestArguments(undefined)).toBe(digestArguments({}));
  });
  it('differs for different arguments', () => {
    expect(digestArguments({ q: 'a' })).not.toBe(digestArguments({ q: 'b' }));
  });
});
