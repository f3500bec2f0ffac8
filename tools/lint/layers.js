// The layer map of ARCHITECTURE.md as lint rules: a package may import only the workspace packages below it, so a
// back-edge (say `@axon/process` importing `@axon/core`) fails `eslint .`. Packages import each other by name, so
// the rule is ESLint's own `no-restricted-imports`, one block per folder.

/** Each package folder and the workspace packages it may import (its own lower layers). */
export const LAYERS = {
  'packages/agent': [],
  'packages/cortex': [],
  'packages/sandbox': [],
  'packages/process': ['@axon/agent', '@axon/sandbox'],
  'packages/mcp': ['@axon/agent', '@axon/cortex', '@axon/sandbox'],
  'packages/executor': ['@axon/agent', '@axon/cortex', '@axon/sandbox', '@axon/process', '@axon/mcp'],
  'packages/core': ['@axon/agent', '@axon/cortex', '@axon/sandbox', '@axon/process', '@axon/mcp', '@axon/executor'],
  'packages/server': [
    '@axon/agent',
    '@axon/cortex',
    '@axon/sandbox',
    '@axon/process',
    '@axon/mcp',
    '@axon/executor',
    '@axon/core',
  ],
};

/** Every workspace package a library could name. */
const WORKSPACE = [
  '@axon/agent',
  '@axon/cortex',
  '@axon/sandbox',
  '@axon/process',
  '@axon/mcp',
  '@axon/executor',
  '@axon/core',
  '@axon/server',
  '@axon/cli',
  '@axon/sample-agents',
  '@axon/demo',
  '@axon/bench',
  '@axon/chaos',
  '@axon/e2e',
];

/** ESLint flat-config blocks enforcing {@link LAYERS} (apps, cli, bench, chaos and e2e sit on top: unrestricted). */
export function layerRules() {
  return Object.entries(LAYERS).map(([folder, allowed]) => {
    const forbidden = WORKSPACE.filter((name) => name !== `@axon/${folder.split('/')[1]}` && !allowed.includes(name));
    return {
      files: [`${folder}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: forbidden.flatMap((name) => [name, `${name}/*`]),
                message: `${folder} may import only ${allowed.join(', ') || 'no workspace package'} (layer map: docs/internals.md).`,
              },
            ],
          },
        ],
      },
    };
  });
}
