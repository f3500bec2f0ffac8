import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findScopeEscape } from '../../src/access/scope.js';

const base = mkdtempSync(join(tmpdir(), 'axon-scope-'));
const ws = join(base, 'ws');
mkdirSync(join(ws, 'src'), { recursive: true });
mkdirSync(join(base, 'outside'));
symlinkSync(join(base, 'outside'), join(ws, 'src', 'link-out'));
symlinkSync(join(ws, 'src'), join(ws, 'link-in'));
writeFileSync(join(ws, 'src', 'file.ts'), '');
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('findScopeEscape', () => {
  it.each([
    ['src'],
    ['.'],
    ['src/auth/new-file.ts'],
    ['workspace:axon-demo'],
    ['the auth module'],
    ['link-in/x.ts'],
    ['src/file.ts/below-a-file'],
    [`src/${'n'.repeat(300)}/x`],
    [join(ws, 'src')],
  ])('lets %s through (it stays inside the workspace)', (entry) => {
    expect(findScopeEscape([entry], ws)).toBeUndefined();
  });

  it.each([
    ['../outside', 'resolves to'],
    ['/etc', 'resolves to'],
    ['src/../../outside/x.js', 'resolves to'],
    ['src/link-out', 'symlink'],
    ['src/link-out/secret.txt', 'symlink'],
    ['~/.ssh', 'home directory'],
    ['~root', 'home directory'],
    ['a\0b', 'NUL'],
    ['src/link-in/../link-out/x', 'symlink'],
  ])('rejects %s (%s)', (entry, reason) => {
    const escape = findScopeEscape(['src', entry], ws);
    expect(escape).toMatchObject({ index: 1, entry });
    expect(escape?.reason).toContain(reason);
  });

  it('follows a symlinked workspace itself (a workspace reached through a link is still itself)', () => {
    const linked = join(base, 'ws-link');
    symlinkSync(ws, linked);
    expect(findScopeEscape(['src', 'link-in'], linked)).toBeUndefined();
    expect(findScopeEscape(['src/link-out'], linked)?.index).toBe(0);
  });

  it('judges entries against the real workspace it is given (the executor resolves it once per agent)', () => {
    const linked = join(base, 'ws-link-2');
    symlinkSync(ws, linked);
    const real = realpathSync(ws);
    expect(findScopeEscape(['src', 'link-in/x.ts'], linked, real)).toBeUndefined();
    expect(findScopeEscape(['src/link-out/secret.txt'], linked, real)).toMatchObject({ index: 0 });
  });
});
