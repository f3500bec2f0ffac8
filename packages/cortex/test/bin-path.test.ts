import { accessSync, constants, readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cortexBinPath } from '../src/index.js';

describe('cortexBinPath', () => {
  it('is the absolute path of the built, executable dist/cli.js with a node shebang', async () => {
    expect(isAbsolute(cortexBinPath)).toBe(true);
    expect(cortexBinPath).toMatch(/[/\\]dist[/\\]cli\.js$/);
    expect(readFileSync(cortexBinPath, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(() => accessSync(cortexBinPath, constants.X_OK)).not.toThrow();
    const fromDist = (await import('../dist/index.js')) as { cortexBinPath: string };
    expect(fromDist.cortexBinPath).toBe(cortexBinPath);
  });
});
