import { describe, expect, it } from 'vitest';
import { formatDuration, renderTable } from '../../src/output/table.js';

describe('renderTable', () => {
  it('aligns columns, right-aligns numeric ones, and underlines the header', () => {
    expect(
      renderTable(
        ['name', 'n'],
        [
          ['a', 1],
          ['long name', 100],
        ],
      ).split('\n'),
    ).toEqual(['name         n', '---------  ---', 'a            1', 'long name  100']);
  });
});

describe('formatDuration', () => {
  it('uses ms, seconds, then minutes', () => {
    expect([formatDuration(850), formatDuration(1234), formatDuration(65_000)]).toEqual(['850ms', '1.2s', '1m05s']);
  });
});
