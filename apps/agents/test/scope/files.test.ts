import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFiles } from '../../src/scope/files.js';

const base = mkdtempSync(join(tmpdir(), 'axon-sample-scope-'));
const root = join(base, 'project');
mkdirSync(join(root, 'src'), { recursive: true });
mkdirSync(join(base, 'outside'));
writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
writeFileSync(join(base, 'outside', 'x.js'), "const password = 'hunter2';\n");
symlinkSync(join(base, 'outside'), join(root, 'src', 'link-out'));
symlinkSync(join(base, 'outside', 'x.js'), join(root, 'leak.js'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('collectFiles', () => {
  it.each([['../outside'], [join(base, 'outside')], ['src/../../outside/x.js'], ['leak.js'], ['src/link-out']])(
    'refuses scope %s, which leaves the root, and reads nothing outside it',
    async (entry) => {
      await expect(collectFiles([entry], root)).rejects.toThrow(/leaves the task's root/);
    },
  );

  it('skips symlinks pointing out of the root while walking a folder', async () => {
    const files = await collectFiles(['.'], root);
    expect(files.map((f) => f.path)).toEqual(['src/a.ts']);
    expect(files.some((f) => f.text.includes('hunter2'))).toBe(false);
  });
});
