import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publishable, repoRoot, run } from './support/pack.js';

const require = createRequire(import.meta.url);
const tscBin = join(dirname(require.resolve('typescript/package.json', { paths: [repoRoot] })), 'bin', 'tsc');

/** The READMEs a user reads first: the root one and each published package's. */
const readmes = ['README.md', ...publishable.map((p) => `packages/${p}/README.md`)];

/** Every ```ts block of a markdown file, with the line it starts on. */
function snippets(file: string): Array<{ line: number; code: string }> {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  const found: Array<{ line: number; code: string }> = [];
  for (const m of text.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```/gm))
    found.push({ line: text.slice(0, m.index).split('\n').length, code: m[1]! });
  return found;
}

// Inside the repository so that @types/node of the root resolves; removed afterwards.
const dir = mkdtempSync(join(repoRoot, 'e2e', '.snippets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README snippets', () => {
  it('compile under tsc --strict as written, against the built workspace packages', async () => {
    const files: string[] = [];
    for (const readme of readmes)
      for (const { line, code } of snippets(readme)) {
        const name = `${readme.replace(/[/.]/g, '_')}_L${line}.ts`;
        // Each snippet is its own module (top-level await allowed).
        writeFileSync(join(dir, name), `${code}\nexport {};\n`);
        files.push(name);
      }
    expect(files.length).toBeGreaterThan(5);
    const paths = Object.fromEntries(
      publishable.map((p) => [`@axon/${p}`, [relative(dir, join(repoRoot, 'packages', p, 'dist', 'index.d.ts'))]]),
    );
    paths['@axon/agent/sdk'] = [relative(dir, join(repoRoot, 'packages', 'agent', 'dist', 'sdk.d.ts'))];
    // The Cortex README talks to Cortex with the MCP SDK, which a user installs next to it.
    const sdk = dirname(
      createRequire(join(repoRoot, 'packages', 'cortex', 'package.json')).resolve(
        '@modelcontextprotocol/sdk/package.json',
      ),
    );
    mkdirSync(join(dir, 'node_modules', '@modelcontextprotocol'), { recursive: true });
    symlinkSync(sdk, join(dir, 'node_modules', '@modelcontextprotocol', 'sdk'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(repoRoot, 'node_modules', '@types')],
          paths,
        },
        files,
      }),
    );
    const outcome = await run(process.execPath, [tscBin, '-p', dir], { cwd: dir, encoding: 'utf8' }).then(
      () => '',
      (e: Error & { stdout?: string }) => e.stdout ?? e.message,
    );
    // One line per error, named by README and line, e.g. `README_md_L52.ts(7,3): error TS2339: …`.
    expect(outcome.trim().split('\n').filter(Boolean)).toEqual([]);
  });
});
