import { defineConfig } from 'tsup';
import { axonTsup } from '../../tsup.config.base';

// Each agent is its own entry so that `node dist/<name>.js` runs it; `index` exports their paths.
export default defineConfig(
  axonTsup({
    entry: ['src/index.ts', 'src/developer.ts', 'src/reviewer.ts', 'src/tester.ts'],
    format: ['esm'],
    dts: { entry: 'src/index.ts' },
  }),
);
