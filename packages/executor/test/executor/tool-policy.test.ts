import { describe, expect, it } from 'vitest';
import { isToolAllowed } from '../../src/executor/tool-policy.js';

describe('isToolAllowed', () => {
  it('allows every tool when nothing restricts it', () => {
    expect(isToolAllowed({ delegation: [] }, 'anything')).toBe(true);
  });
  it('applies the delegation allowlist', () => {
    expect(isToolAllowed({ delegation: ['cortex_search'] }, 'cortex_search')).toBe(true);
    expect(isToolAllowed({ delegation: ['cortex_search'] }, 'cortex_store')).toBe(false);
  });
  it('keeps the delegation within the runtime allowlist', () => {
    const access = { allow: ['cortex_search'], delegation: ['cortex_search', 'cortex_store'] };
    expect(isToolAllowed(access, 'cortex_store')).toBe(false);
    expect(isToolAllowed(access, 'cortex_search')).toBe(true);
  });
  it('lets deny win over any allow', () => {
    expect(
      isToolAllowed(
        { allow: ['cortex_*'], deny: ['cortex_consolidate'], delegation: ['cortex_consolidate'] },
        'cortex_consolidate',
      ),
    ).toBe(false);
  });
  it('matches a trailing * as a prefix and nothing else as a pattern', () => {
    expect(isToolAllowed({ delegation: ['cortex_*'] }, 'cortex_store')).toBe(true);
    expect(isToolAllowed({ delegation: ['cortex_*'] }, 'other__cortex_store')).toBe(false);
    expect(isToolAllowed({ delegation: ['cortex.search'] }, 'cortexXsearch')).toBe(false);
  });
});
