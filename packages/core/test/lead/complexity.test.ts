import { describe, expect, it } from 'vitest';
import { estimateComplexity, extractPaths } from '../../src/lead/complexity.js';

describe('estimateComplexity', () => {
  it('rates a short single ask as simple with one worker', () => {
    const e = estimateComplexity('Review src/auth.ts');
    expect(e.level).toBe('simple');
    expect(e.suggestedWorkers).toBe(1);
  });

  it('rates a broad, deep, multi-part ask as complex with more workers and says why', () => {
    const e = estimateComplexity(
      'Audit the entire codebase across all services for security and performance problems, race conditions and memory leak risks, and also explain the architecture?',
    );
    expect(e.level).toBe('complex');
    expect(e.suggestedWorkers).toBeGreaterThanOrEqual(3);
    expect(e.signals.join(' ')).toMatch(/breadth/);
    expect(e.signals.join(' ')).toMatch(/depth/);
  });

  it('sits in between for a moderate ask', () => {
    expect(estimateComplexity('Why does the login fail and how do we fix the session refresh?').level).toBe('moderate');
  });

  it('is deterministic', () => {
    const q = 'Investigate the crash in src/a.ts and src/b.ts';
    expect(estimateComplexity(q)).toEqual(estimateComplexity(q));
  });
});

describe('extractPaths', () => {
  it('finds file and folder paths', () => {
    expect(extractPaths('look at src/auth/login.ts, README.md and lib/ please')).toEqual([
      'src/auth/login.ts',
      'README.md',
    ]);
  });
});
