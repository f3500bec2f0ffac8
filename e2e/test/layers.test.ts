import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS, layerRules } from '../../tools/lint/layers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'] }, ...layerRules()],
});

async function lint(folder: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport { x };\n`, {
    filePath: `${root}${folder}/src/probe.ts`,
  });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the layer rule', () => {
  it('fails a back-edge from a lower package to a higher one', async () => {
    expect(await lint('packages/process', '@axon/core')).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
    expect(await lint('packages/agent', '@axon/process')).toHaveLength(1);
    expect(await lint('packages/mcp', '@axon/executor/internals')).toHaveLength(1);
    expect(await lint('packages/core', '@axon/cli')).toHaveLength(1);
  });

  it('lets every package import the layers below it', async () => {
    for (const [folder, allowed] of Object.entries(LAYERS)) {
      for (const name of allowed) expect(await lint(folder, name), `${folder} → ${name}`).toEqual([]);
    }
  });

  it('leaves the top (cli, apps) free to import any library', async () => {
    expect(await lint('packages/cli', '@axon/core')).toEqual([]);
    expect(await lint('apps/demo', '@axon/core')).toEqual([]);
  });
});
