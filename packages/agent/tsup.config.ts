import { defineConfig } from 'tsup';
import { axonTsup } from '../../tsup.config.base';

// The full package, `sdk` (runAgent without zod, for fast agent start-up) and the unstable `internals`.
export default defineConfig(axonTsup({ entry: ['src/index.ts', 'src/sdk.ts', 'src/internals.ts'] }));
