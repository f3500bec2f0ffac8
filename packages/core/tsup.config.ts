import { defineConfig } from 'tsup';
import { axonTsup } from '../../tsup.config.base';

// Two entries, the stable root and the unstable `internals`; split so that both share one copy of each class.
export default defineConfig(axonTsup({ entry: ['src/index.ts', 'src/internals.ts'], splitting: true }));
