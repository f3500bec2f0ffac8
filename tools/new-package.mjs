// Scaffolds packages/<name> with the shared conventions. Usage: node tools/new-package.mjs <name> "<description>"
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
const [name, description] = process.argv.slice(2);
const dir = `packages/${name}`;
mkdirSync(`${dir}/src`, { recursive: true });
mkdirSync(`${dir}/test`, { recursive: true });
const exportsMap = {
  '.': {
    '@axon/source': './src/index.ts',
    import: { types: './dist/index.d.ts', default: './dist/index.js' },
    require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
  },
  './package.json': './package.json',
};
const publishExports = structuredClone(exportsMap);
delete publishExports['.']['@axon/source'];
const pkg = {
  name: `@axon/${name}`,
  version: '0.1.0',
  description,
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  engines: { node: '>=20' },
  repository: { type: 'git', url: 'git+https://github.com/axon-runtime/axon.git', directory: dir },
  exports: exportsMap,
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist'],
  publishConfig: { access: 'public', exports: publishExports },
  scripts: {
    build: 'tsup',
    typecheck: 'tsc -p tsconfig.json --noEmit',
  },
  dependencies: {},
  devDependencies: {},
};
if (!existsSync(`${dir}/package.json`)) writeFileSync(`${dir}/package.json`, JSON.stringify(pkg, null, 2) + '\n');
writeFileSync(
  `${dir}/tsconfig.json`,
  JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src', 'test', '*.config.ts'] }, null, 2) + '\n',
);
writeFileSync(
  `${dir}/tsup.config.ts`,
  `import { defineConfig } from 'tsup';\nimport { axonTsup } from '../../tsup.config.base';\n\nexport default defineConfig(axonTsup());\n`,
);
writeFileSync(
  `${dir}/vitest.config.ts`,
  `import { axonProject } from '../../tools/vitest/project';\n\nexport default axonProject('${name}');\n`,
);
if (!existsSync(`${dir}/src/index.ts`)) writeFileSync(`${dir}/src/index.ts`, `export {};\n`);
if (!existsSync(`${dir}/README.md`)) writeFileSync(`${dir}/README.md`, `# @axon/${name}\n\n${description}\n`);
