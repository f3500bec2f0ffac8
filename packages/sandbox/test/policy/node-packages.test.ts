import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bwrapArgs, nodePackageReadPaths, packagePaths, sandboxSupport, SandboxPolicySchema } from '../../src/index.js';
import { runArgv } from '../helpers.js';

// A pnpm-like layout: app → dep → sub, each reached through a symlink into a store, plus a secret beside them.
let root: string;
let app: string;
const pkg = (dir: string, name: string, deps: Record<string, string>, main: string) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, type: 'module', main: 'index.js', dependencies: deps }),
  );
  writeFileSync(join(dir, 'index.js'), main);
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'axon-nodepkg-'));
  const store = join(root, 'store');
  pkg(join(store, 'sub@1/node_modules/sub'), 'sub', {}, "export const sub = 'from sub';\n");
  pkg(join(store, 'dep@1/node_modules/dep'), 'dep', { sub: '1' }, "export { sub as dep } from 'sub';\n");
  symlinkSync(join(store, 'sub@1/node_modules/sub'), join(store, 'dep@1/node_modules/sub'));
  app = join(root, 'app');
  pkg(app, 'app', { dep: '1', missing: '1' }, "import { dep } from 'dep';\nconsole.log(dep);\n");
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(join(store, 'dep@1/node_modules/dep'), join(app, 'node_modules/dep'));
  mkdirSync(join(root, 'ws'));
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('nodePackageReadPaths', () => {
  it('lists the package and its installed run-time dependencies, as link paths and real paths', () => {
    expect(packagePaths(app, 'dep')).toEqual([
      join(app, 'node_modules/dep'),
      join(root, 'store/dep@1/node_modules/dep'),
    ]);
    expect(packagePaths(app, 'missing')).toEqual([]);
    // app/node_modules/dep is a link inside a listed folder: visible already, so not listed again.
    expect(nodePackageReadPaths(app).sort()).toEqual(
      [
        app,
        join(root, 'store/dep@1/node_modules/dep'),
        join(root, 'store/dep@1/node_modules/sub'),
        join(root, 'store/sub@1/node_modules/sub'),
      ].sort(),
    );
  });

  it('is what a sandboxed node program needs to import its dependencies, and nothing else becomes visible', async (ctx) => {
    const support = await sandboxSupport();
    if (!support.available) ctx.skip();
    const run = (read: string[]) =>
      runArgv(
        bwrapArgs({
          bwrap: support.bwrap!,
          policy: SandboxPolicySchema.parse({ filesystem: { read } }),
          cwd: join(root, 'ws'),
          argv: [process.execPath, join(app, 'index.js')],
          fdLimit: 64,
          maxProcesses: null,
        }),
        join(root, 'ws'),
      );
    const without = await run([app]);
    expect(without.code).not.toBe(0);
    expect(without.stderr).toMatch(/Cannot find package 'dep'/);
    const withPaths = await run(nodePackageReadPaths(app));
    expect(withPaths.stdout.trim(), withPaths.stderr).toBe('from sub');
    const peek = await runArgv(
      bwrapArgs({
        bwrap: support.bwrap!,
        policy: SandboxPolicySchema.parse({ filesystem: { read: nodePackageReadPaths(app) } }),
        cwd: join(root, 'ws'),
        argv: ['/bin/sh', '-c', `cat ${join(root, 'secret.txt')} 2>&1`],
        fdLimit: 64,
        maxProcesses: null,
      }),
      join(root, 'ws'),
    );
    expect(peek.stdout).not.toContain('TOP-SECRET');
  });
});
