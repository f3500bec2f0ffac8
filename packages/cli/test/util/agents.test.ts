import { existsSync } from 'node:fs';
import { SAMPLE_AGENT_CAPABILITIES } from '@axon/sample-agents';
import { describe, expect, it } from 'vitest';
import { BUNDLED_AGENT_CAPABILITIES, bundledAgentPath } from '../../src/util/agents.js';

describe('bundled sample agents', () => {
  it('announce the same capabilities as apps/agents', () => {
    expect(BUNDLED_AGENT_CAPABILITIES).toEqual(SAMPLE_AGENT_CAPABILITIES);
  });

  it('are built into dist/agents', () => {
    for (const name of ['developer', 'reviewer', 'tester'] as const)
      expect(existsSync(bundledAgentPath(name)), name).toBe(true);
  });
});
