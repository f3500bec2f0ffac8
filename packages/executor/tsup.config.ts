import { defineConfig } from 'tsup';
import { axonTsup } from '../../tsup.config.base';

// The stable root and the unstable `internals`, split so that both share one copy of each module.
export default defineConfig(axonTsup({ entry: ['src/index.ts', 'src/internals.ts'], splitting: true }));
