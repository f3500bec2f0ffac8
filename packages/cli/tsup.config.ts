import { defineConfig } from 'tsup';
import { axonTsup } from '../../tsup.config.base';

export default defineConfig([
  // The library (runCli, workflow schema) for programmatic use.
  axonTsup({ clean: false }),
  // The `axon` executable and the sample agents it ships (bundled from apps/agents), ESM only.
  axonTsup({
    entry: {
      cli: 'src/cli.ts',
      'agents/developer': '../../apps/agents/src/developer.ts',
      'agents/reviewer': '../../apps/agents/src/reviewer.ts',
      'agents/tester': '../../apps/agents/src/tester.ts',
    },
    format: ['esm'],
    dts: false,
    clean: false,
  }),
]);
